import Foundation

/// Removes secrets from text before it is shown: in error messages, descriptions and the
/// values that observation hooks see.
///
/// It recognises secrets by shape, so that it works on text it has never seen before,
/// whatever the value's length or content:
/// - `name=value` and `name: value` pairs whose name names a secret (see ``isSecretName(_:)``):
///   connection strings (`Server=db;Password=x;`, a value in quotes may hold `;`), query
///   strings (`token=x&page=2`), YAML (`password: x`), header lines, and the same pairs
///   percent-encoded (`Password%3Dx%3B`); a value runs to the next `;`, `&`, `,`, `}`,
///   quote or line end, spaces included;
/// - JSON members whose name names a secret, escaped names included (`"pass\u0077ord"`),
///   at any depth of JSON held in JSON strings (`\"password\":\"x\"`): their whole value,
///   whether a string (escaped quotes included), a number, an array or an object;
/// - XML elements whose name names a secret (`<Password>x</Password>`);
/// - the password of a URL's user information (`postgres://user:x@host`);
/// - `Bearer`/`Basic` credentials and JSON Web Tokens (`eyJ….….…`) anywhere in the text.
///
/// One pass over the UTF-8 bytes, with a bounded look back at each separator: the time
/// is linear in the length of the text, whatever the text (see `jobbridge-redaction-bench`).
public enum Redactor {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"

    /// Whether a header, JSON member, XML element or parameter with this name holds a secret.
    ///
    /// The name is compared without case, spaces, `_`, `-` or `.`, and without trailing
    /// digits (`Password2`): it names a secret when it ends with password, pwd, passwd,
    /// passphrase, secret, secret key, token(s), API key, access key, account key, private
    /// key, pre-shared key, psk, authorization, connection string or cookie (so
    /// `client_secret`, `x-cdata-authtoken`, `AWSSecretKey`, `SharedAccessKey` do), or
    /// starts with `x-cdata-auth`.
    public static func isSecretName(_ name: String) -> Bool {
        let normalized = SecretNames.normalized(Array(name.utf8))
        return SecretNames.isSecret(normalized) || SecretNames.hasSecretPrefix(normalized)
    }

    /// The text with every recognised secret replaced by ``placeholder``.
    public static func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var scanner = RedactionScanner(Array(text.utf8))
        guard let redacted = scanner.run() else { return text }
        return String(decoding: redacted, as: UTF8.self)
    }
}
