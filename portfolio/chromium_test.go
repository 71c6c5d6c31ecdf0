package portfolio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// measureScript is added to a copy of the report (the report itself has
// no script): it writes the rendered size of every chart and of its
// shapes into the DOM, which Chromium's --dump-dom then prints.
const measureScript = `<script>
(function () {
  var out = [];
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var r = svg.getBoundingClientRect(), shapes = [];
    svg.querySelectorAll('path, rect, circle').forEach(function (el) {
      var b = el.getBoundingClientRect();
      shapes.push({tag: el.tagName, w: b.width, h: b.height});
    });
    out.push({label: svg.getAttribute('aria-label'), w: r.width, h: r.height, shapes: shapes});
  });
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`

type measuredChart struct {
	Label  string  `json:"label"`
	W      float64 `json:"w"`
	H      float64 `json:"h"`
	Shapes []struct {
		Tag string  `json:"tag"`
		W   float64 `json:"w"`
		H   float64 `json:"h"`
	} `json:"shapes"`
}

// chromium returns the Chromium binary: $TICKERWIRE_CHROMIUM, else
// /usr/bin/chromium or one on PATH.
func chromium() string {
	if p := os.Getenv("TICKERWIRE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestHTMLReportRendersInChromium opens the HTML report in headless
// Chromium and checks that every chart is drawn: the SVG elements with
// their paths, dots and bars are in the rendered DOM with a nonzero size.
func TestHTMLReportRendersInChromium(t *testing.T) {
	var b bytes.Buffer
	if err := goldenReport(t).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, external := range []string{"<script", "<link", "src=", "@import", "url("} {
		if strings.Contains(page, external) {
			t.Errorf("the report is not self-contained: it has %q", external)
		}
	}
	bin := chromium()
	if bin == "" {
		t.Skip("Chromium cannot be started: none installed (apt-get install -y chromium, or set TICKERWIRE_CHROMIUM)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte(strings.Replace(page, "</body>", measureScript+"\n</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		var exit *exec.ExitError
		if errors.As(err, &exit) || errors.Is(err, exec.ErrNotFound) || ctx.Err() == nil {
			t.Skipf("Chromium cannot be started (%s: %v): %s", bin, err, lastLines(stderr.String(), 5))
		}
		t.Fatalf("chromium: %v", err)
	}
	m := regexp.MustCompile(`(?s)<pre id="measured">(.*?)</pre>`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no measurements in the rendered DOM (did the page load?):\n%s", lastLines(string(out), 20))
	}
	var charts []measuredChart
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &charts); err != nil {
		t.Fatalf("measurements: %v: %s", err, m[1])
	}
	// What the fixture draws: the portfolio series over 3 days with news,
	// AAA on 2 days, BBB on 2 days, 2 sectors and 3 topics.
	want := []struct {
		label                 string
		paths, circles, rects int
	}{
		{"Daily portfolio sentiment", 1, 3, 0},
		{"Daily sentiment of AAA", 1, 2, 0},
		{"Daily sentiment of BBB", 1, 2, 0},
		{"Sector exposure", 0, 0, 2},
		{"Topic exposure", 0, 0, 3},
	}
	if len(charts) != len(want) {
		t.Fatalf("%d charts rendered, want %d: %+v", len(charts), len(want), charts)
	}
	for i, w := range want {
		c := charts[i]
		t.Logf("%s: %gx%g, %+v", c.Label, c.W, c.H, c.Shapes)
		if c.Label != w.label || c.W <= 0 || c.H <= 0 {
			t.Errorf("chart %d = %q %gx%g, want %q with a nonzero size", i, c.Label, c.W, c.H, w.label)
		}
		count := map[string]int{}
		for _, s := range c.Shapes {
			count[strings.ToLower(s.Tag)]++
			if s.W <= 0 || s.H <= 0 {
				t.Errorf("%s: a %s is drawn %gx%g, want a nonzero size", c.Label, s.Tag, s.W, s.H)
			}
		}
		if count["path"] != w.paths || count["circle"] != w.circles || count["rect"] != w.rects {
			t.Errorf("%s: %v, want %d paths, %d circles, %d rects", c.Label, count, w.paths, w.circles, w.rects)
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
