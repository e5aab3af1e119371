package ceremony

import "quorum/manifest"

// ReadManifests reads and verifies manifest files (status's and log's -m),
// each named in its error.
func ReadManifests(env *Env, files []string) ([]*manifest.Manifest, error) {
	var ms []*manifest.Manifest
	for _, f := range files {
		data, err := ReadInput(env, f)
		if err != nil {
			return nil, err
		}
		m, err := manifest.Parse(data)
		if err != nil {
			return nil, &SourceError{Source: f, Err: err}
		}
		ms = append(ms, m)
	}
	return ms, nil
}
