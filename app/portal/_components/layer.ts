/**
 * Where dialogs and menus render: an empty node at the end of the portal shell, outside the page's
 * tables and cards, so nothing of theirs (alignment, overflow clipping) reaches a dialog, while the
 * portal's brand colours still do. Pages without the shell fall back to the body.
 */
export const LAYER_ID = "p-layer";

export function layerElement(): HTMLElement {
  return document.getElementById(LAYER_ID) ?? document.body;
}
