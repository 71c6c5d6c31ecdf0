package story

import (
	"math"
	"sort"
	"sync"
	"time"
)

// Defaults of an Index.
const (
	// DefaultMaxDistance is the largest SimHash distance of two copies of one
	// story: syndicated copies with a changed headline or a line added.
	DefaultMaxDistance = 6
	// DefaultWindow is how long a story stays open to new copies.
	DefaultWindow = 48 * time.Hour
	// NoveltyWindow is the chain length over which novelty decays.
	NoveltyWindow = 24 * time.Hour
	// NoveltyDecay is the factor applied per earlier story: 100, 75, 56, 42…
	NoveltyDecay = 0.75
)

// bands split a fingerprint for lookup: copies within DefaultMaxDistance
// bits agree on at least one of seven bands (pigeonhole), so only articles
// sharing a band are compared.
var bands = [7][2]uint{{0, 9}, {9, 18}, {18, 27}, {27, 36}, {36, 45}, {45, 54}, {54, 64}}

// Item is one article as the index sees it.
type Item struct {
	ID          string
	Published   time.Time
	Fingerprint uint64
	Tickers     []string
}

// Assignment is what the index decided for an article.
type Assignment struct {
	// Cluster is the story cluster id: the id of the story's first article.
	Cluster string
	// Novelty per ticker, in (0, 100]: 100 for the first story about the
	// ticker in its chain, then 75, 56, … for later ones within 24 hours.
	Novelty map[string]float64
}

type entry struct {
	Item
	cluster string
}

// Index assigns articles to story clusters. The zero value is not usable;
// call NewIndex. Safe for concurrent use.
type Index struct {
	mu          sync.Mutex
	maxDistance int
	window      time.Duration
	buckets     [len(bands)]map[uint64][]*entry
	clusters    map[string][]*entry
	entries     []*entry // in order of Published for expiry
}

// NewIndex returns an empty index with the default distance and window.
func NewIndex() *Index {
	ix := &Index{maxDistance: DefaultMaxDistance, window: DefaultWindow, clusters: make(map[string][]*entry)}
	for i := range ix.buckets {
		ix.buckets[i] = make(map[uint64][]*entry)
	}
	return ix
}

// Add assigns it to a cluster (an existing one when a near-duplicate is
// within the window, else a new one named after it.ID), computes novelty per
// ticker, and remembers it. Articles may arrive out of order; novelty counts
// only copies published before it.
func (ix *Index) Add(it Item) Assignment {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.expire(it.Published)
	match := ix.nearest(it)
	e := &entry{Item: it, cluster: it.ID}
	if match != nil {
		e.cluster = match.cluster
	}
	a := Assignment{Cluster: e.cluster, Novelty: ix.novelty(e)}
	ix.insert(e)
	return a
}

// nearest returns the closest remembered article within maxDistance, or nil.
func (ix *Index) nearest(it Item) *entry {
	var best *entry
	bestDist := ix.maxDistance + 1
	for b, r := range bands {
		for _, e := range ix.buckets[b][bandKey(it.Fingerprint, r)] {
			if absDuration(e.Published.Sub(it.Published)) > ix.window {
				continue
			}
			if d := Distance(e.Fingerprint, it.Fingerprint); d < bestDist {
				best, bestDist = e, d
			}
		}
	}
	return best
}

// novelty counts, per ticker, the earlier articles of e's cluster about the
// ticker within NoveltyWindow.
func (ix *Index) novelty(e *entry) map[string]float64 {
	out := make(map[string]float64, len(e.Tickers))
	for _, t := range e.Tickers {
		earlier := 0
		for _, o := range ix.clusters[e.cluster] {
			if o.Published.Before(e.Published) && e.Published.Sub(o.Published) <= NoveltyWindow && contains(o.Tickers, t) {
				earlier++
			}
		}
		out[t] = math.Round(100 * math.Pow(NoveltyDecay, float64(earlier)))
	}
	return out
}

func (ix *Index) insert(e *entry) {
	for b, r := range bands {
		k := bandKey(e.Fingerprint, r)
		ix.buckets[b][k] = append(ix.buckets[b][k], e)
	}
	ix.clusters[e.cluster] = append(ix.clusters[e.cluster], e)
	i := sort.Search(len(ix.entries), func(i int) bool { return ix.entries[i].Published.After(e.Published) })
	ix.entries = append(ix.entries, nil)
	copy(ix.entries[i+1:], ix.entries[i:])
	ix.entries[i] = e
}

// expire forgets articles older than the window before now.
func (ix *Index) expire(now time.Time) {
	cut := 0
	for cut < len(ix.entries) && now.Sub(ix.entries[cut].Published) > 2*ix.window {
		cut++
	}
	if cut == 0 {
		return
	}
	for _, e := range ix.entries[:cut] {
		for b, r := range bands {
			k := bandKey(e.Fingerprint, r)
			ix.buckets[b][k] = remove(ix.buckets[b][k], e)
			if len(ix.buckets[b][k]) == 0 {
				delete(ix.buckets[b], k)
			}
		}
		if ix.clusters[e.cluster] = remove(ix.clusters[e.cluster], e); len(ix.clusters[e.cluster]) == 0 {
			delete(ix.clusters, e.cluster)
		}
	}
	ix.entries = append(ix.entries[:0], ix.entries[cut:]...)
}

// Len reports how many articles the index remembers.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.entries)
}

func bandKey(fp uint64, r [2]uint) uint64 {
	return (fp >> r[0]) & (1<<(r[1]-r[0]) - 1)
}

func remove(es []*entry, e *entry) []*entry {
	for i, o := range es {
		if o == e {
			return append(es[:i], es[i+1:]...)
		}
	}
	return es
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
