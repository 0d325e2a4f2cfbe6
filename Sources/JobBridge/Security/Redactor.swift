import Foundation

/// Removes secrets from text before it is shown: in error messages, descriptions and the
/// values that observation hooks see.
///
/// It recognises secrets by shape, so that it works on text it has never seen before:
/// - `key=value` pairs of connection strings and query strings whose key names a secret
///   (`Password=`, `pwd=`, `token=`, `client_secret=`, `access_token=`, ...);
/// - JSON members whose name names a secret (`"password"`, `"connectionString"`,
///   `"access_token"`, `"client_secret"`, `"token"`, ...), their whole value;
/// - `Bearer`/`Basic` credentials and JSON Web Tokens anywhere in the text.
public enum Redactor {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"

    /// Names (lowercased, without `_` or `-`) whose values are secrets wherever they appear.
    static let secretKeys: Set<String> = [
        "password", "pwd", "passwd", "secret", "clientsecret", "token", "accesstoken",
        "refreshtoken", "idtoken", "authtoken", "apikey", "psk", "presharedkey",
        "connectionstring", "authorization", "privatekey", "sessiontoken",
    ]

    /// Whether a header, JSON member or parameter with this name holds a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let key = name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }
        if secretKeys.contains(key) { return true }
        return key.hasSuffix("password") || key.hasSuffix("secret") || key.hasSuffix("token")
            || key.hasSuffix("apikey") || key.hasPrefix("xcdataauth") || key.hasSuffix("psk")
            || key == "cookie" || key == "setcookie" || key == "proxyauthorization"
    }

    /// The text with every recognised secret replaced by ``placeholder``.
    public static func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var result = text
        for rule in rules {
            let range = NSRange(result.startIndex..., in: result)
            result = rule.expression.stringByReplacingMatches(
                in: result, range: range, withTemplate: rule.template)
        }
        return result
    }

    private struct Rule: @unchecked Sendable {
        // NSRegularExpression is immutable after creation and documented thread-safe.
        let expression: NSRegularExpression
        let template: String
    }

    private static let keyPattern =
        "(?:[A-Za-z_-]*(?:password|passwd|pwd|secret|token|api[_-]?key|psk|authorization|connection[_-]?string))"

    private static let rules: [Rule] = {
        let specs: [(String, String)] = [
            // JSON members: "password": "value" (value may hold escaped quotes).
            (#"("\#(keyPattern)"\s*:\s*")(?:[^"\\]|\\.)*(")"#, "$1\(placeholder)$2"),
            // JSON held in a JSON string (NX1's properties_json): \"password\":\"value\"
            (#"(\\"\#(keyPattern)\\"\s*:\s*\\")(?:[^\\]|\\(?!"))*(\\")"#, "$1\(placeholder)$2"),
            // Connection-string and query-string pairs: Password=value; Password='a;b';
            // token=value& (an unquoted value runs to the next separator, spaces included,
            // so that nothing of a password with a space is left).
            (#"(\b\#(keyPattern)\s*=\s*)(?:'[^']*'|"[^"]*"|[^;&\r\n"',}]+)"#, "$1\(placeholder)"),
            // Authorization schemes.
            (#"(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]+"#, "$1\(placeholder)"),
            // JSON Web Tokens outside any of the above.
            (#"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"#, placeholder),
        ]
        return specs.compactMap { pattern, template in
            // The patterns are constants; one that failed to compile would be dropped here
            // and caught by the redaction tests, never crash a caller.
            guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            else { return nil }
            return Rule(expression: expression, template: template)
        }
    }()
}
