package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// crashEnv names the database a child process writes before it is killed.
const crashEnv = "TICKERWIRE_CRASH_DB"

// TestKilledProcessLosesNoPendingArticle runs a child process that stores
// an article with PutRaw, kills it with SIGKILL before any analysis or
// Close, and checks that the article is pending after reopening.
func TestKilledProcessLosesNoPendingArticle(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	path := filepath.Join(t.TempDir(), "tickerwire.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledProcessLosesNoPendingArticle$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	id := readStoredID(t, out)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Pending(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != 1 || p[0].ID != id || string(p[0].Raw) != "<p>raw</p>" {
		t.Fatalf("pending after kill = %+v, want article %d with its raw input", p, id)
	}
}

// crashChild stores one article, reports its id and waits to be killed.
func crashChild(path string) {
	s, err := Open(context.Background(), path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	a := article.Article{Title: "Acme recalls widgets", Body: "Acme recalled widgets on Monday."}
	res, err := s.PutRaw(context.Background(), store.Raw{Article: a, Data: []byte("<p>raw</p>")})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("stored", res.ID)
	time.Sleep(time.Minute) // the parent kills the process meanwhile
}

func readStoredID(t *testing.T, out io.Reader) int64 {
	t.Helper()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "stored "); ok {
			id, err := strconv.ParseInt(rest, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		if strings.HasPrefix(sc.Text(), "error") {
			t.Fatalf("child: %s", sc.Text())
		}
	}
	t.Fatalf("child exited without storing: %v", sc.Err())
	return 0
}
