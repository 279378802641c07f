package format

import "errors"

// TrainerState is what a Hugging Face trainer_state.json says about a run
// (TrainerState.save_to_json writes it, indented, at every checkpoint).
type TrainerState struct {
	// Records are log_history's train and eval entries, in order, each a
	// point at its "step" (loss, grad_norm, learning_rate; eval_*), with
	// "epoch" an axis as in JSON Lines.
	Records []Record
	// Finished: the history ends with the trainer's summary entry
	// (train_runtime, train_loss, …), which is no point on a chart.
	Finished bool
	// Skipped counts entries that are not one JSON object with numbers.
	Skipped int
}

// ParseTrainerState reads a whole trainer_state.json. Python's NaN and
// Infinity tokens are read as in JSON Lines. A document that is not an
// object, or whose log_history is not an array, is an error.
func ParseTrainerState(doc []byte) (TrainerState, error) {
	var st TrainerState
	s := scanner{buf: trimLine(doc)}
	s.ws()
	if err := s.expect('{', "'{' (trainer_state.json is one object)"); err != nil {
		return st, err
	}
	var key []byte
	found := false
	for {
		s.ws()
		if s.peek() == '}' {
			break
		}
		k, err := s.str(&key)
		if err != nil {
			return st, err
		}
		s.ws()
		if err := s.expect(':', "':'"); err != nil {
			return st, err
		}
		s.ws()
		if string(k) == "log_history" {
			found = true
			err = st.history(&s)
		} else {
			err = s.skip(1)
		}
		if err != nil {
			return st, err
		}
		s.ws()
		if s.peek() == ',' {
			s.pos++
		}
	}
	if !found {
		return st, errors.New("no log_history in it")
	}
	return st, nil
}

// history reads log_history's array at s: each entry is parsed as a JSON
// Lines object of its own.
func (st *TrainerState) history(s *scanner) error {
	if err := s.expect('[', "'[' (log_history is an array)"); err != nil {
		return err
	}
	p := newJSONParser(JSONL)
	for {
		s.ws()
		if s.peek() == ']' {
			s.pos++
			return nil
		}
		start := s.pos
		if err := s.skip(1); err != nil {
			return err
		}
		st.entry(p, s.buf[start:s.pos])
		s.ws()
		if s.peek() == ',' {
			s.pos++
		}
	}
}

// entry adds one log_history entry, unless it is the summary.
func (st *TrainerState) entry(p *jsonParser, obj []byte) {
	rec, ok, err := p.Parse(obj)
	switch {
	case err != nil:
		st.Skipped++
		return
	case !ok:
		return
	}
	for _, v := range rec.Values {
		if v.Name == "train_runtime" {
			st.Finished = true
			return
		}
	}
	st.Records = append(st.Records, Record{Step: rec.Step, Values: append([]Value(nil), rec.Values...)})
}
