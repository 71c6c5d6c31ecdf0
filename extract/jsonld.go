package extract

import (
	"bytes"
	"encoding/json"
	"strings"
)

// linkedData is what the page's schema.org JSON-LD says about the article.
type linkedData struct {
	headline  string
	published string // datePublished as written, "" when absent
	author    string // names joined by ", "
	publisher string
	language  string
	body      string // articleBody, when the page gives it
}

// ldObject holds the schema.org properties read from one JSON-LD object.
// Polymorphic values stay raw and are read by the helpers below.
type ldObject struct {
	Type          json.RawMessage   `json:"@type"`
	Graph         []json.RawMessage `json:"@graph"`
	Headline      json.RawMessage   `json:"headline"`
	Name          json.RawMessage   `json:"name"`
	DatePublished json.RawMessage   `json:"datePublished"`
	DateCreated   json.RawMessage   `json:"dateCreated"`
	Author        json.RawMessage   `json:"author"`
	Creator       json.RawMessage   `json:"creator"`
	Publisher     json.RawMessage   `json:"publisher"`
	InLanguage    json.RawMessage   `json:"inLanguage"`
	ArticleBody   json.RawMessage   `json:"articleBody"`
}

// maxLDObjects bounds the objects read from a page's JSON-LD.
const maxLDObjects = 64

// readLinkedData merges the article objects of all JSON-LD scripts: the
// first object of an article type wins each property; other objects (a
// WebPage, an Organization) only fill in what articles leave empty.
func readLinkedData(scripts []string) linkedData {
	var objs []ldObject
	for _, s := range scripts {
		objs = appendLD(objs, []byte(cleanLD(s)), 0)
	}
	var primary, secondary linkedData
	for i := range objs {
		if isArticleType(objs[i].Type) {
			primary.fill(&objs[i])
		} else {
			secondary.fill(&objs[i])
		}
	}
	if primary.published == "" && primary.headline == "" {
		// No article object: a page-level datePublished is still evidence.
		primary.published = secondary.published
	}
	primary.publisher = firstNonEmpty(primary.publisher, secondary.publisher)
	primary.language = firstNonEmpty(primary.language, secondary.language)
	if primary.published == "" {
		primary.published = scanLDDate(scripts)
	}
	return primary
}

// cleanLD strips the HTML comment and CDATA wrappers some pages put around
// their JSON-LD.
func cleanLD(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range []string{"<!--", "//<![CDATA[", "<![CDATA["} {
		s = strings.TrimPrefix(s, w)
	}
	for _, w := range []string{"-->", "//]]>", "]]>"} {
		s = strings.TrimSuffix(s, w)
	}
	return strings.TrimSpace(s)
}

// appendLD decodes raw (an object or an array of objects) and appends the
// objects, with those of an @graph, to objs.
func appendLD(objs []ldObject, raw []byte, depth int) []ldObject {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || depth > 3 || len(objs) >= maxLDObjects {
		return objs
	}
	if raw[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return objs
		}
		for _, item := range list {
			objs = appendLD(objs, item, depth+1)
		}
		return objs
	}
	var o ldObject
	if raw[0] != '{' || json.Unmarshal(raw, &o) != nil {
		return objs
	}
	objs = append(objs, o)
	for _, item := range o.Graph {
		objs = appendLD(objs, item, depth+1)
	}
	return objs
}

func (d *linkedData) fill(o *ldObject) {
	if d.headline == "" {
		d.headline = firstNonEmpty(ldString(o.Headline), ldString(o.Name))
	}
	if d.published == "" {
		d.published = firstNonEmpty(ldString(o.DatePublished), ldString(o.DateCreated))
	}
	if d.author == "" {
		d.author = firstNonEmpty(ldNames(o.Author), ldNames(o.Creator))
	}
	if d.publisher == "" {
		d.publisher = ldNames(o.Publisher)
	}
	if d.language == "" {
		d.language = ldString(o.InLanguage)
	}
	if d.body == "" {
		d.body = ldString(o.ArticleBody)
	}
}

// articleTypes are the schema.org types of a news or blog article.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "BlogPosting": true, "Report": true,
	"ReportageNewsArticle": true, "AnalysisNewsArticle": true, "OpinionNewsArticle": true,
	"BackgroundNewsArticle": true, "ReviewNewsArticle": true, "LiveBlogPosting": true,
	"TechArticle": true, "ScholarlyArticle": true, "SocialMediaPosting": true,
	"Review": true, "Posting": true, "AdvertiserContentArticle": true,
}

func isArticleType(raw json.RawMessage) bool {
	for _, t := range ldStrings(raw) {
		if articleTypes[strings.TrimPrefix(strings.TrimPrefix(t, "http://schema.org/"), "https://schema.org/")] {
			return true
		}
	}
	return false
}

// ldString reads a string, the first string of an array, or the @value of
// an object; "" otherwise.
func ldString(raw json.RawMessage) string {
	if ss := ldStrings(raw); len(ss) > 0 {
		return strings.TrimSpace(ss[0])
	}
	return ""
}

// ldStrings reads a string or an array of strings.
func ldStrings(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return []string{s}
		}
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			var out []string
			for _, item := range list {
				out = append(out, ldStrings(item)...)
			}
			return out
		}
	case '{':
		var v struct {
			Value json.RawMessage `json:"@value"`
		}
		if json.Unmarshal(raw, &v) == nil {
			return ldStrings(v.Value)
		}
	}
	return nil
}

// ldNames reads the names of people or organisations: a string, an object
// with a name, or an array of either, joined by ", ".
func ldNames(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var names []string
	switch raw[0] {
	case '"':
		names = ldStrings(raw)
	case '{':
		var v struct {
			Name json.RawMessage `json:"name"`
		}
		if json.Unmarshal(raw, &v) == nil {
			names = ldStrings(v.Name)
		}
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			for _, item := range list {
				if n := ldNames(item); n != "" {
					names = append(names, n)
				}
			}
		}
	}
	return strings.Join(cleanNames(names), ", ")
}

// cleanNames drops empty names, addresses and duplicates.
func cleanNames(names []string) []string {
	out := names[:0]
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] || strings.Contains(n, "://") {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

// scanLDDate finds a "datePublished" value in JSON-LD that does not decode
// (trailing commas, raw newlines in strings are common).
func scanLDDate(scripts []string) string {
	for _, s := range scripts {
		i := strings.Index(s, `"datePublished"`)
		if i < 0 {
			continue
		}
		rest := strings.TrimLeft(s[i+len(`"datePublished"`):], " \t\r\n")
		if !strings.HasPrefix(rest, ":") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if !strings.HasPrefix(rest, `"`) {
			continue
		}
		if end := strings.IndexByte(rest[1:], '"'); end > 0 {
			return rest[1 : 1+end]
		}
	}
	return ""
}
