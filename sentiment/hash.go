package sentiment

// Features are hashed: a word, a class name or a group prefix becomes a
// 64-bit FNV-1a hash, and a feature is the mix of its parts' hashes reduced
// to a bucket of the weight table. Hashing keeps extraction free of
// allocations and the model file free of vocabulary strings.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString returns the FNV-1a hash of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hashWord returns the hash of a normalised word with every run of digits
// folded to one "0", so "q1fy13" and "q3fy14" are the same word.
func hashWord(s string) uint64 {
	h := uint64(fnvOffset)
	inDigits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			if inDigits {
				continue
			}
			inDigits = true
			c = '0'
		} else {
			inDigits = false
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// mix combines two hashes into one; mix(a, b) != mix(b, a).
func mix(a, b uint64) uint64 {
	h := a*0xff51afd7ed558ccd ^ (b + 0x9e3779b97f4a7c15)
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 29
	return h
}
