package trainer

import (
	"testing"

	"github.com/vaetop/vaetop/nn"
)

func TestModelLayoutMatchesNN(t *testing.T) {
	configs := []nn.Config{
		{Input: 16, Hidden: []int{8}, Latent: 2, Activation: "relu", Loss: "bce"},
		{Input: 16, Hidden: []int{8, 5, 3}, Latent: 2, Activation: "leaky", Loss: "mse", BatchNorm: true},
		{Input: 12, Hidden: []int{7, 4}, Latent: 3, Activation: "relu", Loss: "bce", BatchNorm: true, Conditional: true, Dropout: 0.2, LatentDropout: 0.1},
	}
	for _, c := range configs {
		m, err := nn.New(c, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		l := layoutOf(c)
		if l.weights != len(m.Params.W) || l.state != len(m.Params.State) {
			t.Errorf("%s: layout says %d weights, %d state; nn has %d, %d", c, l.weights, l.state, len(m.Params.W), len(m.Params.State))
			continue
		}
		// A new model's running variances are 1 and its running means 0.
		isVar := make([]bool, l.state)
		for _, r := range l.runVars {
			for i := r[0]; i < r[1]; i++ {
				isVar[i] = true
			}
		}
		for i, s := range m.Params.State {
			if want := map[bool]float32{true: 1, false: 0}[isVar[i]]; s != want {
				t.Errorf("%s: state[%d] is %g, the layout expects %g", c, i, s, want)
				break
			}
		}
	}
}
