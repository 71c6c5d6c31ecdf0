// Package jstest gives tests a NATS server with JetStream.
package jstest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// URL returns a NATS server with JetStream: TICKERWIRE_TEST_NATS, the
// local one on 4222, or a nats-server the test starts itself. The test skips
// only when none can be had.
func URL(t *testing.T) string {
	t.Helper()
	for _, u := range []string{os.Getenv("TICKERWIRE_TEST_NATS"), nats.DefaultURL} {
		if u == "" {
			continue
		}
		if nc, err := nats.Connect(u, nats.Timeout(time.Second)); err == nil {
			nc.Close()
			return u
		}
	}
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		if _, err := os.Stat("/usr/sbin/nats-server"); err != nil {
			t.Skip("no NATS server: none on 127.0.0.1:4222 or TICKERWIRE_TEST_NATS, and no nats-server binary to start")
		}
		bin = "/usr/sbin/nats-server"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "-a", "127.0.0.1", "-p", fmt.Sprint(port), "-js", "-sd", t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot start %s: %v", bin, err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	u := fmt.Sprintf("nats://127.0.0.1:%d", port)
	for i := 0; i < 50; i++ {
		if nc, err := nats.Connect(u); err == nil {
			nc.Close()
			return u
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Skipf("started %s but it does not answer on %s", bin, u)
	return ""
}

// Stream returns a new stream name for one test, deleted when it ends.
func Stream(t *testing.T, url, prefix string) string {
	t.Helper()
	name := fmt.Sprintf("%s_%d", prefix, time.Now().UnixNano())
	t.Cleanup(func() {
		nc, err := nats.Connect(url)
		if err != nil {
			return
		}
		defer nc.Close()
		if js, err := nc.JetStream(); err == nil {
			_ = js.DeleteStream(name)
		}
	})
	return name
}
