package fr.eterrain.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's findings: sections of rows, each figure beside the reference measured in the same run, written
 * as Markdown (for people and the README) and JSON (for tools).
 */
public final class Report {
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Section> sections = new ArrayList<>();

    public void environment(String name, String value) {
        environment.put(name, value);
    }

    public Section section(String title, String method) {
        Section section = new Section(title, method);
        sections.add(section);
        return section;
    }

    public List<Section> sections() {
        return sections;
    }

    /**
     * One figure. {@code reference} is what the same thing costs when done the simplest possible way in the same
     * run (null when there is none); {@code ratio} is value ÷ reference unless {@code ratioNote} says otherwise.
     */
    public record Row(String measure, double value, String unit, Double reference, String referenceLabel, String note) {
        public Double ratio() {
            return reference == null || reference == 0 ? null : value / reference;
        }
    }

    public static final class Section {
        private final String title;
        private final String method;
        private final List<Row> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Section(String title, String method) {
            this.title = title;
            this.method = method;
        }

        public Section row(String measure, double value, String unit) {
            return row(measure, value, unit, null, null, null);
        }

        public Section row(String measure, double value, String unit, Double reference, String referenceLabel, String note) {
            rows.add(new Row(measure, value, unit, reference, referenceLabel, note));
            return this;
        }

        public Section note(String note) {
            notes.add(note);
            return this;
        }

        public String title() {
            return title;
        }

        public List<Row> rows() {
            return rows;
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# e-terrain benchmark report\n\n");
        md.append("Produced by `make bench`. Each figure stands beside its reference, measured in the same run on the same ")
                .append("machine, so the ratios hold when absolute figures move with the machine's load.\n\n");
        environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        for (Section s : sections) {
            md.append("\n## ").append(s.title).append("\n\n").append(s.method).append("\n\n");
            if (!s.rows.isEmpty()) {
                md.append("| Measure | e-terrain | Reference | Ratio | Note |\n|---|---:|---|---:|---|\n");
                for (Row r : s.rows) {
                    md.append("| ").append(r.measure).append(" | ").append(format(r.value)).append(' ').append(r.unit)
                            .append(" | ").append(r.reference == null ? "" : format(r.reference) + " " + r.unit
                                    + (r.referenceLabel == null ? "" : " (" + r.referenceLabel + ")"))
                            .append(" | ").append(r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()))
                            .append(" | ").append(r.note == null ? "" : r.note).append(" |\n");
                }
            }
            for (String n : s.notes) {
                md.append("\n").append(n).append('\n');
            }
        }
        return md.toString();
    }

    public ObjectNode json() {
        ObjectNode root = Json.object();
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ArrayNode out = root.putArray("sections");
        for (Section s : sections) {
            ObjectNode section = out.addObject().put("title", s.title).put("method", s.method);
            ArrayNode rows = section.putArray("rows");
            for (Row r : s.rows) {
                ObjectNode row = rows.addObject().put("measure", r.measure).put("value", r.value).put("unit", r.unit);
                if (r.reference != null) {
                    row.put("reference", r.reference).put("referenceLabel", r.referenceLabel).put("ratio", r.ratio());
                }
                if (r.note != null) {
                    row.put("note", r.note);
                }
            }
            ArrayNode notes = section.putArray("notes");
            s.notes.forEach(notes::add);
        }
        return root;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
        Files.writeString(dir.resolve("report.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json()) + "\n");
    }

    /** Three significant digits at most, no exponent: 0.0123, 4.56, 789, 123456. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double abs = Math.abs(v);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(abs)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
