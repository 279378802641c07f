package nn

import "math/rand/v2"

// RNG is a seeded, serialisable random source (PCG) for initialisation,
// reparameterisation noise, dropout masks and shuffling. Its state goes into
// checkpoints so a resumed run draws exactly the numbers the original would.
type RNG struct {
	src *rand.PCG
	r   *rand.Rand
}

// NewRNG returns a generator for seed; stream separates independent uses of
// one seed (training noise, shuffling, evaluation, UI queries).
func NewRNG(seed, stream uint64) *RNG {
	src := rand.NewPCG(seed, stream^0x9e3779b97f4a7c15)
	return &RNG{src: src, r: rand.New(src)}
}

// Normal returns a standard normal sample.
func (g *RNG) Normal() float32 { return float32(g.r.NormFloat64()) }

// Uniform returns a sample in [0,1).
func (g *RNG) Uniform() float32 { return g.r.Float32() }

// IntN returns a uniform integer in [0,n).
func (g *RNG) IntN(n int) int { return g.r.IntN(n) }

// Shuffle permutes idx in place (Fisher–Yates).
func (g *RNG) Shuffle(idx []int) {
	g.r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
}

// MarshalBinary returns the generator state.
func (g *RNG) MarshalBinary() ([]byte, error) { return g.src.MarshalBinary() }

// UnmarshalBinary restores a state written by MarshalBinary.
func (g *RNG) UnmarshalBinary(b []byte) error { return g.src.UnmarshalBinary(b) }
