package fetch

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		addr string
		want Class
	}{
		{"8.8.8.8", ClassPublic},
		{"151.101.1.69", ClassPublic},
		{"2606:4700::1111", ClassPublic},
		{"127.0.0.1", ClassLoopback},
		{"127.255.255.254", ClassLoopback},
		{"::1", ClassLoopback},
		{"::ffff:127.0.0.1", ClassLoopback},
		{"::ffff:7f00:1", ClassLoopback},
		{"::127.0.0.1", ClassLoopback},
		{"64:ff9b::7f00:1", ClassLoopback},
		{"2002:7f00:1::", ClassLoopback},
		{"10.0.0.1", ClassPrivate},
		{"172.16.0.1", ClassPrivate},
		{"172.31.255.255", ClassPrivate},
		{"172.32.0.1", ClassPublic},
		{"192.168.1.1", ClassPrivate},
		{"::ffff:10.1.2.3", ClassPrivate},
		{"fd00::1", ClassPrivate},
		{"fec0::1", ClassPrivate},
		{"169.254.169.254", ClassLinkLocal},
		{"::ffff:169.254.169.254", ClassLinkLocal},
		{"fe80::1", ClassLinkLocal},
		{"fe80::1%eth0", ClassLinkLocal},
		{"0.0.0.0", ClassUnspecified},
		{"::", ClassUnspecified},
		{"::ffff:0.0.0.0", ClassUnspecified},
		{"0.1.2.3", ClassReserved},
		{"100.64.0.1", ClassSharedNAT},
		{"100.127.255.255", ClassSharedNAT},
		{"100.128.0.1", ClassPublic},
		{"224.0.0.1", ClassMulticast},
		{"ff02::1", ClassMulticast},
		{"255.255.255.255", ClassReserved},
		{"240.0.0.1", ClassReserved},
		{"192.0.2.10", ClassReserved},
		{"2001:db8::1", ClassReserved},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", ClassReserved},
		{"100::1", ClassReserved},
		{"4000::1", ClassReserved},
	}
	for _, tt := range tests {
		if got := Classify(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("Classify(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
	if got := Classify(netip.Addr{}); got != ClassInvalid {
		t.Errorf("Classify(zero Addr) = %q, want %q", got, ClassInvalid)
	}
}

func TestGuardControlRefusesNonPublicDialAddresses(t *testing.T) {
	tests := []struct {
		address string
		blocked bool
	}{
		{"127.0.0.1:80", true},
		{"[::1]:443", true},
		{"[::ffff:127.0.0.1]:80", true},
		{"169.254.169.254:80", true},
		{"[fe80::1%eth0]:80", true},
		{"10.0.0.5:8080", true},
		{"0.0.0.0:80", true},
		{"not an address", true},
		{"93.184.215.14:443", false},
		{"[2606:4700::1111]:443", false},
	}
	for _, tt := range tests {
		err := guardControl("tcp", tt.address, nil)
		if got := errors.Is(err, ErrBlockedAddress); got != tt.blocked {
			t.Errorf("guardControl(%q) = %v, want blocked %v", tt.address, err, tt.blocked)
		}
	}
}

func TestBlockedErrorSaysHowToAllow(t *testing.T) {
	err := checkAddr(netip.MustParseAddr("127.0.0.1"))
	want := "refusing to fetch 127.0.0.1 (loopback); pass --allow-private"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("checkAddr(127.0.0.1) = %v, want message containing %q", err, want)
	}
}

// FuzzClassify checks that an IPv4 address and its IPv4-mapped and
// IPv4-compatible IPv6 forms always get the same class, and that nothing
// panics or comes back empty.
func FuzzClassify(f *testing.F) {
	f.Add([]byte{127, 0, 0, 1})
	f.Add([]byte{169, 254, 169, 254})
	f.Add([]byte{8, 8, 8, 8})
	f.Add(netip.MustParseAddr("fe80::1").AsSlice())
	f.Fuzz(func(t *testing.T, b []byte) {
		addr, ok := netip.AddrFromSlice(b)
		if !ok {
			return
		}
		c := Classify(addr)
		if c == "" || c == ClassInvalid {
			t.Fatalf("Classify(%v) = %q", addr, c)
		}
		if !addr.Is4() {
			return
		}
		a16 := addr.As16()
		if m := Classify(netip.AddrFrom16(a16)); m != c {
			t.Fatalf("Classify(%v) = %q but mapped form gives %q", addr, c, m)
		}
		if addr.As4()[0] == 0 {
			return // ::0.x.y.z is also the IPv6 unspecified/loopback space
		}
		a16[10], a16[11] = 0, 0
		if m := Classify(netip.AddrFrom16(a16)); m != c {
			t.Fatalf("Classify(%v) = %q but compatible form gives %q", addr, c, m)
		}
	})
}

func TestCheckVetsURLsWithoutNetwork(t *testing.T) {
	tests := []struct {
		url          string
		allowPrivate bool
		wantErr      error
	}{
		{"https://hooks.example.com/tw", false, nil},
		{"http://10.0.0.5/hook", false, ErrBlockedAddress},
		{"http://10.0.0.5/hook", true, nil},
		{"http://localhost:9000/hook", false, ErrBlockedAddress},
		{"http://api.localhost/hook", false, ErrBlockedAddress},
		{"http://[::1]/hook", false, ErrBlockedAddress},
		{"ftp://hooks.example.com/x", false, ErrBadURL},
		{"not a url", false, ErrBadURL},
	}
	for _, tt := range tests {
		err := (&Client{AllowPrivate: tt.allowPrivate}).Check(tt.url)
		if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
			t.Errorf("Check(%q, allow %v) = %v, want %v", tt.url, tt.allowPrivate, err, tt.wantErr)
		}
	}
}
