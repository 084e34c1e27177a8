package fr.eterrain.core.html;

import fr.eterrain.core.brand.Brand;
import fr.eterrain.core.federation.Federation;

/**
 * The unified look of everything a person sees: emails (table layout, inline CSS, dark-mode friendly, a fixed
 * 600 px column for Outlook, which ignores max-width) and the public pages. Callers pass already-escaped HTML
 * fragments for the body.
 */
public final class Layout {
    private Layout() {
    }

    public static String page(Federation federation, String title, String bodyHtml) {
        Brand brand = federation == null ? Brand.forFederation(null) : federation.brand();
        String heading = federation == null ? Html.escape(brand.partyName()) : Html.escape(federation.displayName());
        return """
                <!doctype html>
                <html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>%s</title>
                <style>
                body{margin:0;font-family:%s;background:%s;color:%s}
                header{background:%s;color:#fff;padding:16px 24px;font-weight:bold}
                main{max-width:560px;margin:32px auto;background:#fff;padding:24px 28px;border-radius:8px;border-top:4px solid %s}
                h1{font-size:1.4rem;margin-top:0}
                button,.button{background:%s;color:#fff;border:0;border-radius:6px;padding:12px 20px;font-size:1rem;cursor:pointer;text-decoration:none;display:inline-block}
                button:focus,.button:focus{outline:3px solid %s;outline-offset:2px}
                footer{max-width:560px;margin:0 auto 32px;font-size:.8rem;color:#555;padding:0 28px}
                @media (prefers-color-scheme: dark){body{background:#111;color:#eee}main{background:#1e1e1e}footer{color:#aaa}}
                </style></head>
                <body><header role="banner">%s</header>
                <main role="main"><h1>%s</h1>%s</main>
                <footer role="contentinfo">%s</footer></body></html>
                """.formatted(Html.escape(title), brand.fontFamily(), brand.backgroundColor(), brand.textColor(),
                brand.primaryColor(), brand.accentColor(), brand.accentColor(), brand.primaryColor(), heading,
                Html.escape(title), bodyHtml, legalFooter(federation, brand));
    }

    public static String email(Federation federation, String preheader, String title, String bodyHtml, String footerExtraHtml) {
        Brand brand = federation.brand();
        String logo = brand.logoUrl().isEmpty() ? Html.escape(federation.displayName())
                : "<img src=\"" + Html.escape(brand.logoUrl()) + "\" alt=\"" + Html.escape(federation.displayName())
                        + "\" height=\"40\" style=\"display:block;border:0;max-width:100%;height:40px;\">";
        return """
                <!doctype html>
                <html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
                <title>%s</title></head>
                <body style="margin:0;padding:0;background:%s;">
                <div style="display:none;max-height:0;overflow:hidden;">%s</div>
                <table role="presentation" width="100%%" cellpadding="0" cellspacing="0" style="background:%s;">
                <tr><td align="center" style="padding:24px 12px;">
                <!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0"><tr><td><![endif]-->
                <table role="presentation" width="100%%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;">
                <tr><td style="background:%s;color:#ffffff;padding:16px 24px;font-family:%s;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0;">%s</td></tr>
                <tr><td style="padding:24px;font-family:%s;font-size:16px;line-height:1.5;color:%s;">
                <h1 style="font-size:22px;margin:0 0 16px 0;color:%s;">%s</h1>
                %s
                </td></tr>
                <tr><td style="padding:16px 24px;font-family:%s;font-size:12px;line-height:1.4;color:#555555;border-top:1px solid #e5e5e5;">%s%s</td></tr>
                </table>
                <!--[if mso]></td></tr></table><![endif]-->
                </td></tr></table></body></html>
                """.formatted(Html.escape(title), brand.backgroundColor(), Html.escape(preheader), brand.backgroundColor(),
                brand.primaryColor(), brand.fontFamily(), logo, brand.fontFamily(), brand.textColor(),
                brand.primaryColor(), Html.escape(title), bodyHtml, brand.fontFamily(), footerExtraHtml,
                legalFooter(federation, brand));
    }

    /** A call-to-action button that survives Outlook and dark mode. */
    public static String button(Brand brand, String href, String label) {
        return """
                <table role="presentation" cellpadding="0" cellspacing="0" style="margin:24px 0;"><tr>
                <td style="background:%s;border-radius:6px;"><a href="%s" style="display:inline-block;padding:12px 24px;color:#ffffff;text-decoration:none;font-weight:bold;">%s</a></td>
                </tr></table>
                """.formatted(brand.accentColor(), Html.escape(href), Html.escape(label));
    }

    /** Who sends, why, and how to object: CNIL asks for it on every message and at collection. */
    public static String legalFooter(Federation federation, Brand brand) {
        return Html.escape(legalText(federation, brand));
    }

    public static String legalText(Federation federation, Brand brand) {
        String sender = federation == null ? brand.partyName() : federation.displayName();
        return sender + " — responsable de traitement : " + brand.controller() + ". "
                + "Vous pouvez accéder à vos données, les rectifier, les effacer ou vous opposer à leur traitement en écrivant à "
                + brand.privacyContact() + "." + (brand.signature().isEmpty() ? "" : " " + brand.signature());
    }
}
