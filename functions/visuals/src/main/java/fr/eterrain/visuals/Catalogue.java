package fr.eterrain.visuals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.visuals.render.BrandKit;
import fr.eterrain.visuals.render.Colors;
import fr.eterrain.visuals.render.FieldSpec;
import fr.eterrain.visuals.render.Format;
import fr.eterrain.visuals.render.Photos;
import fr.eterrain.visuals.render.Template;

/** GET …/visuals/templates: what the console needs to build its form, before anything is drawn. */
final class Catalogue {
    private Catalogue() {
    }

    static ObjectNode of(BrandKit brand) {
        ObjectNode root = Json.object();
        ArrayNode templates = root.putArray("templates");
        for (Template t : Template.values()) {
            ObjectNode template = templates.addObject().put("id", t.id()).put("label", t.label()).put("description", t.description());
            ArrayNode fields = template.putArray("fields");
            for (FieldSpec f : t.fields()) {
                ObjectNode field = fields.addObject().put("name", f.name()).put("label", f.label()).put("kind", f.kind().wire())
                        .put("required", f.required()).put("multiline", f.multiline()).put("hint", f.hint());
                if (f.example() != null) {
                    field.put("example", f.example());
                }
                if (f.kind() == FieldSpec.Kind.TEXT) {
                    ObjectNode max = field.putObject("maxLength");
                    for (Format format : Format.values()) {
                        max.put(format.id(), f.maxLength(format));
                    }
                }
            }
        }
        ArrayNode formats = root.putArray("formats");
        for (Format f : Format.values()) {
            formats.addObject().put("id", f.id()).put("width", f.width()).put("height", f.height()).put("label", f.label());
        }
        ObjectNode photo = root.putObject("photo");
        photo.put("maxBytes", Photos.MAX_BYTES).put("maxMegapixels", Photos.MAX_PIXELS / 1_000_000);
        photo.putArray("types").add("image/jpeg").add("image/png").add("image/gif");
        root.put("previewScale", VisualsFunction.PREVIEW_SCALE);
        root.putObject("brand").put("partyName", brand.partyName()).put("federation", brand.federation())
                .put("primaryColor", Colors.hex(brand.primary())).put("accentColor", Colors.hex(brand.accent()));
        return root;
    }
}
