// Package latent is the arithmetic of the latent explorer: the statistics
// of a set of posterior means (which units are active), the 2-D map of
// them by principal components, and the paths through latent space that
// the explorer decodes (traversals and interpolations). It knows nothing
// of the model or the screen: the producer uses it to count active units,
// the viewer to lay out the map and the paths.
package latent
