package fetch

import (
	"fmt"
	"net/netip"
	"syscall"
)

// Class is the kind of network an IP address belongs to, as far as the
// address guard is concerned. Only ClassPublic is fetched by default.
type Class string

// The classes Classify returns. The strings appear in error messages.
const (
	ClassPublic      Class = "public"
	ClassLoopback    Class = "loopback"
	ClassPrivate     Class = "private network"
	ClassLinkLocal   Class = "link-local"
	ClassUnspecified Class = "unspecified address"
	ClassSharedNAT   Class = "carrier-grade NAT"
	ClassMulticast   Class = "multicast"
	ClassReserved    Class = "reserved range"
	ClassInvalid     Class = "invalid address"
)

type classRange struct {
	prefix netip.Prefix
	class  Class
}

// ranges4 lists the IPv4 ranges that are not reachable public hosts, most
// specific first; the first match wins.
var ranges4 = []classRange{
	{netip.MustParsePrefix("0.0.0.0/32"), ClassUnspecified},
	{netip.MustParsePrefix("0.0.0.0/8"), ClassReserved}, // "this network"; Linux dials it as local
	{netip.MustParsePrefix("127.0.0.0/8"), ClassLoopback},
	{netip.MustParsePrefix("10.0.0.0/8"), ClassPrivate},
	{netip.MustParsePrefix("172.16.0.0/12"), ClassPrivate},
	{netip.MustParsePrefix("192.168.0.0/16"), ClassPrivate},
	{netip.MustParsePrefix("169.254.0.0/16"), ClassLinkLocal}, // includes the cloud metadata service 169.254.169.254
	{netip.MustParsePrefix("100.64.0.0/10"), ClassSharedNAT},
	{netip.MustParsePrefix("224.0.0.0/4"), ClassMulticast},
	{netip.MustParsePrefix("240.0.0.0/4"), ClassReserved}, // includes broadcast 255.255.255.255
	{netip.MustParsePrefix("192.0.0.0/24"), ClassReserved},
	{netip.MustParsePrefix("192.0.2.0/24"), ClassReserved},
	{netip.MustParsePrefix("198.18.0.0/15"), ClassReserved},
	{netip.MustParsePrefix("198.51.100.0/24"), ClassReserved},
	{netip.MustParsePrefix("203.0.113.0/24"), ClassReserved},
}

// ranges6 lists the IPv6 ranges checked after any embedded IPv4 address has
// been classified; addresses outside 2000::/3 (global unicast) are reserved.
var ranges6 = []classRange{
	{netip.MustParsePrefix("::/128"), ClassUnspecified},
	{netip.MustParsePrefix("::1/128"), ClassLoopback},
	{netip.MustParsePrefix("fe80::/10"), ClassLinkLocal},
	{netip.MustParsePrefix("fec0::/10"), ClassPrivate}, // deprecated site-local
	{netip.MustParsePrefix("fc00::/7"), ClassPrivate},
	{netip.MustParsePrefix("ff00::/8"), ClassMulticast},
	{netip.MustParsePrefix("2001::/32"), ClassReserved},     // Teredo: hides an IPv4 address
	{netip.MustParsePrefix("2001:db8::/32"), ClassReserved}, // documentation
	{netip.MustParsePrefix("64:ff9b:1::/48"), ClassReserved},
	{netip.MustParsePrefix("100::/64"), ClassReserved},
}

// Translation prefixes whose addresses carry an IPv4 address, which is
// classified instead (so ::ffff:127.0.0.1 is loopback).
var (
	mapped4    = netip.MustParsePrefix("::ffff:0:0/96")
	compat4    = netip.MustParsePrefix("::/96")
	translated = netip.MustParsePrefix("::ffff:0:0:0/96")
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour  = netip.MustParsePrefix("2002::/16")
	global6    = netip.MustParsePrefix("2000::/3")
)

// Classify reports which kind of network addr belongs to. IPv6 addresses that
// embed an IPv4 address (mapped, compatible, NAT64, 6to4) are classified by
// that IPv4 address. Zones are ignored. It is safe for concurrent use.
func Classify(addr netip.Addr) Class {
	if !addr.IsValid() {
		return ClassInvalid
	}
	addr = addr.WithZone("")
	if v4, ok := embeddedIPv4(addr); ok {
		return lookup(ranges4, v4, ClassPublic)
	}
	if addr.Is4() {
		return lookup(ranges4, addr, ClassPublic)
	}
	c := lookup(ranges6, addr, ClassPublic)
	if c == ClassPublic && !global6.Contains(addr) {
		return ClassReserved
	}
	return c
}

func lookup(ranges []classRange, addr netip.Addr, fallback Class) Class {
	for _, r := range ranges {
		if r.prefix.Contains(addr) {
			return r.class
		}
	}
	return fallback
}

// embeddedIPv4 returns the IPv4 address inside an IPv6 translation address.
// The IPv6 unspecified and loopback addresses are not translations.
func embeddedIPv4(a netip.Addr) (netip.Addr, bool) {
	if !a.Is6() {
		return netip.Addr{}, false
	}
	b := a.As16()
	switch {
	case mapped4.Contains(a), translated.Contains(a), nat64.Contains(a):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case compat4.Contains(a) && a != netip.IPv6Unspecified() && a != netip.IPv6Loopback():
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixToFour.Contains(a):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}

// checkAddr returns a *blockedError unless addr is public.
func checkAddr(addr netip.Addr) error {
	if c := Classify(addr); c != ClassPublic {
		return &blockedError{addr: addr, class: c}
	}
	return nil
}

// guardControl is the dialer's Control hook: it runs after DNS resolution,
// on the address about to be connected, so every hop of a redirect chain and
// every answer of a rebinding DNS server is checked. It fails closed.
func guardControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("address guard cannot read dial address %q (%s): %w", address, network, ErrBlockedAddress)
	}
	return checkAddr(ap.Addr())
}
