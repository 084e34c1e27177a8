package fr.eterrain.core.content;

/** A content anywhere in the library: its federation and its id. */
public record ContentRef(String federation, String id) {
    @Override
    public String toString() {
        return federation + "/" + id;
    }
}
