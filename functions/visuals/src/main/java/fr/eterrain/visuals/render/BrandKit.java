package fr.eterrain.visuals.render;

import java.awt.Color;

/**
 * The party's graphic codes as visuals use them, after the federation's allowed overrides (only the accent colour
 * reaches a visual; the logo, fonts and the other colours are the party's). Text colours on each surface are
 * chosen for contrast, so an override can never make a text unreadable.
 *
 * @param primary    backgrounds (the party's deep blue)
 * @param accent     labels, bars, the figure card, the call to action (a federation may override it)
 * @param light      the light panel of the riposte card
 * @param ink        dark text on light surfaces
 * @param federation the federation's name as the registry spells it ("Alpes-Maritimes")
 */
public record BrandKit(String partyName, String federation, Color primary, Color accent, Color light, Color ink) {
    public static final Color WHITE = Color.WHITE;

    /** White or the dark ink, whichever reads better on the accent. */
    public Color onAccent() {
        return Colors.readableOn(accent, WHITE, ink);
    }

    public Color onPrimary() {
        return Colors.readableOn(primary, WHITE, ink);
    }

    public Color onLight() {
        return Colors.readableOn(light, ink, WHITE);
    }
}
