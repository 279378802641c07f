package nn

import (
	"math"
	"testing"
)

func smallConfig() Config {
	return Config{Input: 10, Hidden: []int{8, 6}, Latent: 3, Activation: "relu", Loss: "bce"}
}

func testBatch(rng *RNG, n, cols int) (Mat, []uint8) {
	x := NewMat(n, cols)
	for i := range x.Data {
		x.Data[i] = rng.Uniform()
	}
	labels := make([]uint8, n)
	for i := range labels {
		labels[i] = uint8(rng.IntN(Classes))
	}
	return x, labels
}

// TestVAEGradients checks every parameter's gradient of Rec + β·KL against
// central differences, for each variant. The noise RNG is rewound before
// each evaluation so eps and dropout masks stay fixed.
func TestVAEGradients(t *testing.T) {
	variants := map[string]func(*Config){
		"plain":          func(*Config) {},
		"leaky":          func(c *Config) { c.Activation = "leaky" },
		"mse":            func(c *Config) { c.Loss = "mse" },
		"batchnorm":      func(c *Config) { c.BatchNorm = true },
		"dropout":        func(c *Config) { c.Dropout = 0.3 },
		"latent dropout": func(c *Config) { c.LatentDropout = 0.2 },
		"conditional":    func(c *Config) { c.Conditional = true },
		"one hidden":     func(c *Config) { c.Hidden = []int{7} },
	}
	for name, mod := range variants {
		t.Run(name, func(t *testing.T) {
			cfg := smallConfig()
			mod(&cfg)
			v, err := New(cfg, 5, 42)
			if err != nil {
				t.Fatal(err)
			}
			x, labels := testBatch(NewRNG(1, 9), 5, cfg.Input)
			state, _ := v.Noise.MarshalBinary()
			const beta = 0.7
			f := func() float64 {
				_ = v.Noise.UnmarshalBinary(state)
				l := v.Step(x, labels, beta)
				return l.Rec + beta*l.KL
			}
			f()
			g := append([]float32(nil), v.Params.G...)
			checkGradKinked(t, "params", v.Params.W, g, f, 2e-3, 2e-2)
		})
	}
}

func TestVAEStepDeterministic(t *testing.T) {
	run := func() []float64 {
		v, _ := New(smallConfig(), 8, 7)
		x, _ := testBatch(NewRNG(3, 3), 8, 10)
		a := NewAdam(len(v.Params.W), 1e-2)
		var out []float64
		for i := 0; i < 5; i++ {
			l := v.Step(x, nil, 1)
			a.Update(v.Params.W, v.Params.G)
			out = append(out, l.Rec, l.KL)
		}
		return out
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("run differs at %d: %v vs %v", i, a[i], b[i])
		}
	}
}

func TestVAETrainsOnToyData(t *testing.T) {
	v, _ := New(smallConfig(), 16, 1)
	x, _ := testBatch(NewRNG(4, 4), 16, 10)
	for r := 0; r < x.Rows; r++ { // two complementary patterns to learn
		for j := 0; j < x.Cols; j++ {
			x.Data[r*x.Cols+j] = float32((r + j/3) % 2)
		}
	}
	a := NewAdam(len(v.Params.W), 1e-2)
	first := v.Step(x, nil, 1)
	var last Loss
	for i := 0; i < 300; i++ {
		last = v.Step(x, nil, 1)
		a.Update(v.Params.W, v.Params.G)
	}
	if last.Rec+last.KL > 0.5*(first.Rec+first.KL) {
		t.Errorf("loss went from %.2f to %.2f, want a clear drop", first.Rec+first.KL, last.Rec+last.KL)
	}
}

func TestVAEQueriesChunkAndDecode(t *testing.T) {
	cfg := smallConfig()
	cfg.Conditional = true
	v, _ := New(cfg, 4, 1)
	x, labels := testBatch(NewRNG(5, 5), 11, 10) // 11 rows > MaxBatch 4
	rec := make([]float32, 11*10)
	v.Reconstruct(x, labels, rec)
	mu := make([]float32, 11*3)
	lv := make([]float32, 11*3)
	v.Encode(x, labels, mu, lv)
	dec := make([]float32, 11*10)
	v.Decode(Mat{Rows: 11, Cols: 3, Data: mu}, labels, dec)
	for i := range rec {
		if math.Abs(float64(rec[i]-dec[i])) > 1e-6 {
			t.Fatalf("Reconstruct and Decode(Encode) differ at %d: %g vs %g", i, rec[i], dec[i])
		}
		if rec[i] <= 0 || rec[i] >= 1 {
			t.Fatalf("output %g outside (0,1)", rec[i])
		}
	}
	l1 := v.Evaluate(x, labels, NewRNG(1, 1))
	l2 := v.Evaluate(x, labels, NewRNG(1, 1))
	if l1 != l2 || l1.Rec <= 0 || l1.KL < 0 {
		t.Errorf("Evaluate not deterministic or bad: %+v %+v", l1, l2)
	}
}

func TestConfigValidate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	bad := []struct {
		mod  func(*Config)
		want string
	}{
		{func(c *Config) { c.Input = 0 }, "model input size 0 must be positive"},
		{func(c *Config) { c.Latent = 0 }, "--latent 0 must be in 1..4096"},
		{func(c *Config) { c.Latent = 4097 }, "--latent 4097 must be in 1..4096"},
		{func(c *Config) { c.Activation = "tanh" }, `--activation "tanh" must be relu or leaky`},
		{func(c *Config) { c.Dropout = 1 }, "--dropout 1 must be in [0, 1)"},
		{func(c *Config) { c.Dropout = nan }, "--dropout NaN must be in [0, 1)"},
		{func(c *Config) { c.Dropout = inf }, "--dropout +Inf must be in [0, 1)"},
		{func(c *Config) { c.Dropout = -inf }, "--dropout -Inf must be in [0, 1)"},
		{func(c *Config) { c.LatentDropout = -0.1 }, "--latent-dropout -0.1 must be in [0, 1)"},
		{func(c *Config) { c.LatentDropout = nan }, "--latent-dropout NaN must be in [0, 1)"},
		{func(c *Config) { c.LatentDropout = inf }, "--latent-dropout +Inf must be in [0, 1)"},
		{func(c *Config) { c.Loss = "l1" }, `--loss "l1" must be bce or mse`},
		{func(c *Config) { c.Hidden = nil }, "--hidden needs at least one size"},
		{func(c *Config) { c.Hidden = []int{0} }, "--hidden size 0 must be in 1..65536"},
		{func(c *Config) { c.Hidden = []int{8, 65537} }, "--hidden size 65537 must be in 1..65536"},
	}
	for _, tc := range bad {
		c := DefaultConfig()
		tc.mod(&c)
		if err := c.Validate(); err == nil || err.Error() != tc.want {
			t.Errorf("%+v: got %v, want %q", c, err, tc.want)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("default config: %v", err)
	}
}
