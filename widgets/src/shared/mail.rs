//! E-mail links: a recipient checked to be one plain address, and a `mailto:` URL with an
//! encoded subject and body (nothing is sent; the reader's mail program opens).

/// An e-mail address fit for a `mailto:` link: one `@`, no spaces and nothing that would add
/// headers or recipients (`?`, `&`, `,`, `;`, `%`, quotes, angle brackets).
pub fn plain_address(s: &str) -> Option<String> {
    let s = s.trim();
    let (local, domain) = s.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.contains('@')
        && s.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"?&,;%\"'<>()[]\\:/#".contains(c));
    ok.then(|| s.to_owned())
}

/// `mailto:` for `address` (already checked with [`plain_address`]) with `subject` and `body`.
pub fn mailto(address: &str, subject: &str, body: &str) -> String {
    let enc = |t: &str| String::from(js_sys::encode_uri_component(t));
    format!(
        "mailto:{address}?subject={}&body={}",
        enc(subject),
        enc(body)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_address_becomes_a_mailto_recipient() {
        assert_eq!(
            plain_address(" koordinaattori@example.org ").as_deref(),
            Some("koordinaattori@example.org")
        );
        for bad in [
            "a@example.org?bcc=x@example.org",
            "a@example.org,b@example.org",
            "a@example.org&subject=x",
            "a b@example.org",
            "a@example",
            "@example.org",
            "a@b@example.org",
            "a@example.org\r\nBcc: x",
            "javascript:alert(1)",
        ] {
            assert_eq!(plain_address(bad), None, "{bad}");
        }
    }
}
