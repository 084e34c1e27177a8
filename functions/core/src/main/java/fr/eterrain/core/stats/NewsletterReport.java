package fr.eterrain.core.stats;

/** One newsletter's statistics. */
public record NewsletterReport(String federation, NewsletterFigures figures, Summary summary) {
}
