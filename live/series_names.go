package live

// SeriesSlots are the series a VAE run has, in the dashboard's order, with
// the names they go by in vaetop's, Lightning's, Keras' and Hugging Face's
// files. A watched series with one of these names takes that place and
// title; its first slot's series is the run's loss.
var SeriesSlots = []struct {
	Title string
	Names []string
}{
	{"loss", []string{"loss", "train_loss", "train/loss", "training_loss", "train_loss_step", "train_loss_epoch"}},
	{"reconstruction", []string{"rec", "bce", "mse", "recon", "recon_loss", "reconstruction_loss", "train_bce", "train_rec", "train_mse", "train/rec", "train/bce", "train/recon_loss"}},
	{"KL", []string{"kl", "kld", "kl_loss", "train_kl", "train_kld", "train/kl", "train/kl_loss"}},
	{"test loss", []string{"test_loss", "val_loss", "eval_loss", "test/loss", "val/loss", "eval/loss", "validation_loss"}},
	{"grad norm", []string{"grad_norm", "gnorm", "gradient_norm", "train/grad_norm"}},
}

// Slots of SeriesSlots that mean a loss.
const (
	LossSlot     = 0
	TestLossSlot = 3
)

// SeriesSlot is the VAE place of a series name in SeriesSlots (-1: none).
func SeriesSlot(name string) int {
	for i, s := range SeriesSlots {
		for _, n := range s.Names {
			if n == name {
				return i
			}
		}
	}
	return -1
}
