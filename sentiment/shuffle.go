package sentiment

import "math/rand/v2"

// shuffled returns a copy of xs in an order fixed by seed.
func shuffled(xs []example, seed int64) []example {
	out := append([]example(nil), xs...)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5e471e47))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
