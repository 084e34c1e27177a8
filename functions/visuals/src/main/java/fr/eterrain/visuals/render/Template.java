package fr.eterrain.visuals.render;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The visuals a federation can make, with their fields; each lays itself out on a {@link Frame}. */
public enum Template {
    QUOTE("quote", "Citation", "Une phrase forte, son auteur, et sa photo si vous voulez.", List.of(
            FieldSpec.text("text", "Citation", true, true, "Le texte seul : le guillemet est dessiné.",
                    "La santé n'est pas une marchandise : nous défendrons l'hôpital public, ici comme partout !",
                    280, 280, 280, 280, 280),
            FieldSpec.text("author", "Auteur", true, false, "Prénom Nom, fonction", "Claire Martin, conseillère départementale",
                    80, 80, 80, 80, 80),
            FieldSpec.of("portrait", "Portrait de l'auteur", FieldSpec.Kind.PHOTO, false, "Un visage, cadré serré", null))),
    EVENT("event", "Rendez-vous", "Annoncer une réunion, un tractage, un meeting.", List.of(
            FieldSpec.text("title", "Titre", true, true, "Ce qui se passe", "Réunion publique : quel avenir pour nos services publics ?",
                    120, 120, 120, 120, 120),
            FieldSpec.of("date", "Date", FieldSpec.Kind.DATE, true, "AAAA-MM-JJ", "2026-12-12"),
            FieldSpec.of("time", "Heure", FieldSpec.Kind.TIME, false, "HH:MM", "18:30"),
            FieldSpec.text("place", "Lieu", true, true, "Adresse, ville", "Salle des fêtes, 12 avenue Jean-Médecin, Nice",
                    120, 120, 120, 120, 120))),
    FIGURE("figure", "Le chiffre", "Un chiffre clé et ce qu'il veut dire.", List.of(
            FieldSpec.text("figure", "Chiffre", true, false, "42 %, 1 200, 3,5 M€", "38 %", 12, 12, 12, 12, 12),
            FieldSpec.text("caption", "Légende", true, true, "Ce que mesure ce chiffre",
                    "des communes du département n'ont plus de médecin généraliste", 160, 160, 160, 160, 160),
            FieldSpec.text("source", "Source", false, false, "INSEE, 2025", "Observatoire régional de la santé, 2025",
                    90, 90, 90, 90, 90))),
    RIPOSTE("riposte", "Riposte", "Ce qu'ils disent, et ce qui est vrai.", List.of(
            FieldSpec.text("claim", "Ils disent", true, true, "L'affirmation à contredire",
                    "Les petites lignes de train ne servent à personne.", 160, 160, 160, 160, 160),
            FieldSpec.text("answer", "La réalité", true, true, "Votre réponse, sourcée",
                    "Chaque jour, 12 000 voyageurs prennent ce train. Fermer la ligne, c'est les mettre sur la route.",
                    200, 200, 200, 200, 200))),
    POSTER("poster", "Affiche", "Une photo, un titre, un appel à agir.", List.of(
            FieldSpec.text("title", "Titre", true, true, "Court et fort", "Le 14 mars, votez pour vos services publics", 110, 110, 110, 110, 110),
            FieldSpec.of("photo", "Photo", FieldSpec.Kind.PHOTO, true, "JPEG ou PNG, 5 Mo au plus", null),
            FieldSpec.text("callToAction", "Appel à agir", true, false, "Rejoignez-nous, Signez la pétition…",
                    "Rejoignez-nous sur e-terrain.fr", 45, 45, 45, 45, 45)));

    private final String id;
    private final String label;
    private final String description;
    private final List<FieldSpec> fields;

    Template(String id, String label, String description, List<FieldSpec> fields) {
        this.id = id;
        this.label = label;
        this.description = description;
        this.fields = fields;
    }

    public static Optional<Template> parse(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    /** The examples of its fields (texts, dates, times), as a person would type them. */
    public java.util.Map<String, String> examples() {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        fields.stream().filter(f -> f.example() != null).forEach(f -> values.put(f.name(), f.example()));
        return values;
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    Composition compose(Visual visual, BrandKit brand) {
        Frame frame = new Frame(visual.format());
        return switch (this) {
            case QUOTE -> QuoteCard.compose(visual, frame, brand);
            case EVENT -> EventCard.compose(visual, frame, brand);
            case FIGURE -> FigureCard.compose(visual, frame, brand);
            case RIPOSTE -> RiposteCard.compose(visual, frame, brand);
            case POSTER -> PosterCard.compose(visual, frame, brand);
        };
    }
}
