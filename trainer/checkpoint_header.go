package trainer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vaetop/vaetop/live"
)

// headerJSON is a checkpoint's JSON header: the Checkpoint's fields, with the
// run's figures (which may be NaN or ±Inf) encoded by marshalFlat. The outer
// sums and history fields take precedence over the embedded ones of the same
// name.
type headerJSON struct {
	*Checkpoint
	Sums    flatJSON[epochSums] `json:"sums"`
	History historyJSON         `json:"history"`
}

func newHeaderJSON(ck *Checkpoint) headerJSON {
	return headerJSON{Checkpoint: ck, Sums: flatJSON[epochSums]{"sums", &ck.Sums}, History: historyJSON{&ck.History}}
}

func (ck *Checkpoint) marshalHeader() ([]byte, error) { return json.Marshal(newHeaderJSON(ck)) }

func (ck *Checkpoint) unmarshalHeader(b []byte) error {
	h := newHeaderJSON(ck)
	if err := json.Unmarshal(b, &h); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			// te.Field is the key path, through the embedded Checkpoint.
			return typeError(strings.TrimPrefix(te.Field, "Checkpoint."), te)
		}
		return err
	}
	return nil
}

// typeError says which field held what, without encoding/json's Go names.
func typeError(field string, te *json.UnmarshalTypeError) error {
	return fmt.Errorf("%s: %s where a %s belongs", field, te.Value, te.Type)
}

// flatJSON encodes *p with marshalFlat, non-finite floats as text; name is
// its key, for errors.
type flatJSON[T any] struct {
	name string
	p    *T
}

func (f flatJSON[T]) MarshalJSON() ([]byte, error) { return marshalFlat(*f.p, nonFiniteAsText) }

func (f *flatJSON[T]) UnmarshalJSON(b []byte) error { return unmarshalFlat(b, f.p, f.name) }

// historyJSON encodes the epoch history as flatJSON does each metric.
type historyJSON struct{ p *[]live.EpochMetric }

func (h historyJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, m := range *h.p {
		if i > 0 {
			b.WriteByte(',')
		}
		enc, err := marshalFlat(m, nonFiniteAsText)
		if err != nil {
			return nil, fmt.Errorf("history[%d].%v", i, err)
		}
		b.Write(enc)
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

func (h *historyJSON) UnmarshalJSON(b []byte) error {
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return errors.New("history: not a JSON array")
	}
	*h.p = make([]live.EpochMetric, len(items))
	for i, item := range items {
		if err := unmarshalFlat(item, &(*h.p)[i], fmt.Sprintf("history[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}
