package fr.eterrain.visuals.render;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to draw, checked: a template, a format and its fields, texts already set in French typography. Made only
 * through {@link #of}, which refuses (naming the field, {@code fields.<name>}) what the template cannot draw.
 */
public record Visual(Template template, Format format, Map<String, String> texts, Map<String, Photos.Photo> photos) {

    public static Visual of(Template template, Format format, Map<String, String> values, Map<String, Photos.Photo> photos) {
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            FieldSpec spec = template.field(name).filter(f -> f.kind() != FieldSpec.Kind.PHOTO).orElseThrow(() ->
                    Refusal.badRequest("unknown_field", "The " + template.id() + " template has no text field " + name(name)
                            + "; its fields are " + names(template) + ".", "fields." + safe(name)));
            String checked = switch (spec.kind()) {
                case DATE -> date(value, "fields." + name).toString();
                case TIME -> time(value, "fields." + name).toString();
                default -> text(spec, value, format);
            };
            if (!checked.isEmpty()) {
                texts.put(name, checked);
            }
        });
        photos.keySet().forEach(name -> template.field(name).filter(f -> f.kind() == FieldSpec.Kind.PHOTO).orElseThrow(() ->
                Refusal.badRequest("unknown_field", "The " + template.id() + " template has no photo field " + name(name)
                        + "; its fields are " + names(template) + ".", "fields." + safe(name))));
        for (FieldSpec field : template.fields()) {
            boolean given = field.kind() == FieldSpec.Kind.PHOTO ? photos.containsKey(field.name()) : texts.containsKey(field.name());
            if (field.required() && !given) {
                throw Refusal.badRequest("field_required", "The " + template.id() + " template needs " + field.name()
                        + " (" + field.label() + ").", "fields." + field.name());
            }
        }
        return new Visual(template, format, Map.copyOf(texts), Map.copyOf(photos));
    }

    public String text(String name) {
        return texts.get(name);
    }

    public Photos.Photo photo(String name) {
        return photos.get(name);
    }

    /** Typeset, then checked against the format's maximum and the font's characters. */
    private static String text(FieldSpec spec, String value, Format format) {
        String field = "fields." + spec.name();
        String flat = spec.multiline() ? value : value.replace('\n', ' ').replace('\r', ' ');
        int length = visibleLength(flat);
        int max = spec.maxLength(format);
        if (length > max) {
            throw Refusal.badRequest("text_too_long", field + " has " + length + " characters; at most " + max
                    + " fit in the " + spec.label() + " of this template at " + format.id() + ".", field);
        }
        String typeset = FrenchTypography.apply(flat);
        typeset.codePoints().filter(cp -> cp != '\n' && cp != FrenchTypography.NARROW_NBSP && !Fonts.draws(cp)).findFirst().ifPresent(cp -> {
            throw emoji(cp) ? Refusal.badRequest("emoji_not_supported", field + " contains an emoji (" + Character.toString(cp)
                    + "), which visuals cannot draw: remove it, or write the idea in words.", field)
                    : Refusal.badRequest("unsupported_character", field + " contains a character the party's font cannot draw ("
                    + String.format("U+%04X", cp) + "): remove it.", field);
        });
        return typeset;
    }

    /** Characters as the person typed them (spaces collapsed, ends trimmed), as the console counts them. */
    static int visibleLength(String value) {
        String normal = Normalizer.normalize(value, Normalizer.Form.NFC).replaceAll("[\\s\\u00A0\\u202F]+", " ").strip();
        return normal.codePointCount(0, normal.length());
    }

    static boolean emoji(int cp) {
        return cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F
                || cp == 0x200D || cp == 0x20E3 || (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF);
    }

    static LocalDate date(String value, String field) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                throw new DateTimeException("out of range");
            }
            return date;
        } catch (DateTimeException e) {
            throw Refusal.badRequest("invalid_date", field + " must be a date written YYYY-MM-DD (2026-12-12).", field);
        }
    }

    static LocalTime time(String value, String field) {
        String v = value.strip();
        if (!v.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            throw Refusal.badRequest("invalid_time", field + " must be a time written HH:MM, 24 h (18:30).", field);
        }
        return LocalTime.parse(v);
    }

    private static String names(Template template) {
        return String.join(", ", template.fields().stream().map(FieldSpec::name).toList());
    }

    private static String name(String name) {
        return "“" + safe(name) + "”";
    }

    /** Field names are echoed only when they look like field names. */
    private static String safe(String name) {
        return name != null && name.matches("[A-Za-z][A-Za-z0-9]{0,40}") ? name : "?";
    }
}
