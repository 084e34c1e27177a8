package fr.eterrain.visuals.render;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

/**
 * An event: the "Rendez-vous" chip, the title in large white type, a date tile in the accent colour (weekday, day,
 * month) and the time and place beside it. Landscape formats stand the tile on the right, full height.
 */
final class EventCard {
    private EventCard() {
    }

    static Composition compose(Visual visual, Frame f, BrandKit brand) {
        Composition c = new Composition(visual, f);
        double u = f.u;
        boolean landscape = f.format.landscape();
        Color text = brand.onPrimary();
        c.fill(brand.primary(), f.all(), false);
        double tileW = (landscape ? 250 : 264) * u;
        double tileH = landscape ? f.contentBottom - f.top : tileW;
        double tileX = landscape ? f.width - f.marginX - tileW : f.marginX;
        double columnW = landscape ? tileX - 56 * u - f.marginX : f.contentWidth();
        double infoX = landscape ? f.marginX : f.marginX + tileW + 40 * u;
        double infoW = landscape ? columnW : f.width - f.marginX - infoX;
        double infoMax = landscape ? 200 * u : tileW;
        Cards.chip(c, "brand.label", "Rendez-vous", f.marginX, f.top, columnW, brand.accent(), brand.onAccent());

        String time = visual.text("time") == null ? null : spoken(LocalTime.parse(visual.text("time")));
        double timeH = time == null ? 0 : 84 * u;
        TextBlock timeBlock = time == null ? null : Cards.fit(c, "fields.time", time,
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, 68 * u, 40 * u, 1).lineHeight(1.0), infoW, timeH);
        double placeGap = time == null ? 0 : 14 * u;
        TextBlock place = Cards.fit(c, "fields.place", visual.text("place"),
                TextStyle.of(Fonts.Weight.MEDIUM, 40 * u, 26 * u, landscape ? 3 : 4).lineHeight(1.22), infoW,
                infoMax - timeH - placeGap);
        double infoH = (timeBlock == null ? 0 : timeBlock.height() + placeGap) + place.height();

        double titleTop = f.belowChip();
        double rowGap = (landscape ? 40 : 56) * u;
        // The title's room leaves the most the time and place may take, so each field's maximum holds on its own.
        double below = landscape ? infoMax : tileH;
        TextBlock title = Cards.fit(c, "fields.title", visual.text("title"),
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, (f.format == Format.STORY ? 104 : landscape ? 76 : 92) * u,
                        landscape ? 34 : 40, 6).lineHeight(1.08), columnW, f.contentBottom - titleTop - rowGap - below);

        double group = title.height() + rowGap + (landscape ? infoH : tileH);
        double y = titleTop + Math.max(0, (f.contentBottom - titleTop - group) / 2);
        c.text("fields.title", title, f.marginX, y, text);
        double rowY = y + title.height() + rowGap;
        double tileY = landscape ? f.top : rowY;
        tile(c, LocalDate.parse(visual.text("date")), new Rectangle2D.Double(tileX, tileY, tileW, tileH), brand);

        double iy = landscape ? rowY : rowY + (tileH - infoH) / 2;
        if (timeBlock != null) {
            c.text("fields.time", timeBlock, infoX, iy, text);
            iy += timeBlock.height() + placeGap;
        }
        c.text("fields.place", place, infoX, iy, text);
        Cards.signature(c, brand, text, true);
        return c;
    }

    /** The accent tile: weekday, day, month, centred. */
    private static void tile(Composition c, LocalDate date, Rectangle2D area, BrandKit brand) {
        double u = c.frame.u;
        double w = area.getWidth() - 24 * u;
        Color onAccent = brand.onAccent();
        TextBlock weekday = Cards.fit(c, "fields.date", date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.FRENCH),
                TextStyle.of(Fonts.Weight.BOLD, 30 * u, 20 * u, 1).label(0.08).centered(), w, 60 * u);
        TextBlock day = Cards.fit(c, "fields.date", String.valueOf(date.getDayOfMonth()),
                TextStyle.of(Fonts.Weight.EXTRA_BOLD, 128 * u, 80 * u, 1).lineHeight(1.0).centered(), w, 150 * u);
        TextBlock month = Cards.fit(c, "fields.date", date.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.FRENCH),
                TextStyle.of(Fonts.Weight.BOLD, 30 * u, 20 * u, 1).label(0.08).centered(), w, 60 * u);
        c.fill(brand.accent(), area, true);
        double stack = weekday.height() + day.height() + month.height();
        double y = area.getMinY() + (area.getHeight() - stack) / 2;
        double x = area.getMinX() + 12 * u;
        c.text("fields.date", weekday, x, y, onAccent);
        c.text("fields.date", day, x, y + weekday.height(), onAccent);
        c.text("fields.date", month, x, y + weekday.height() + day.height(), onAccent);
    }

    /** 18:30 → "18 h 30", 18:00 → "18 h", 09:05 → "9 h 05", as French posters write it. */
    static String spoken(LocalTime time) {
        String hours = time.getHour() + "" + FrenchTypography.NBSP + "h";
        return time.getMinute() == 0 ? hours : hours + FrenchTypography.NBSP + String.format("%02d", time.getMinute());
    }
}
