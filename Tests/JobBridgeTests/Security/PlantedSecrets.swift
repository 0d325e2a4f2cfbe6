import Testing

/// A secret planted in one of the shapes that text from a provider, a driver or an app
/// takes, with what must disappear from every surface and what must survive redaction.
struct PlantedSecret: Sendable, CustomTestStringConvertible {
    /// What the shape is.
    let shape: String
    /// The text with the secret in it.
    let text: String
    /// Fragments of the secret: none may appear anywhere once the text is shown.
    let secrets: [String]
    /// Fragments that are not secret and must survive `Redactor.redact`.
    let keeps: [String]

    var testDescription: String { shape }

    init(_ shape: String, _ text: String, secrets: [String], keeps: [String] = []) {
        self.shape = shape
        self.text = text
        self.secrets = secrets
        self.keeps = keeps
    }

    /// Every shape: those that leaked before (first) and those that were already redacted.
    static let all: [PlantedSecret] = [
        // Shapes that leaked.
        .init(
            "URL-encoded connection string", "Server%3Ddb%3BPassword%3Dhunter2%3BUser%3Du", secrets: ["hunter2"],
            keeps: ["Server%3Ddb%3B", "User%3Du"]),
        .init(
            "AWSSecretKey=", "AWSAccessKeyId=AKID0042;AWSSecretKey=wJalrXUtnFEMI0042;Region=eu",
            secrets: ["wJalrXUtnFEMI0042"], keeps: ["Region=eu"]),
        .init("SecretKey=", "SecretKey=sk-live-0042;User=u", secrets: ["sk-live-0042"], keeps: ["User=u"]),
        .init(
            "AccountKey=",
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5MDA0Mg==;EndpointSuffix=core",
            secrets: ["a2V5MDA0Mg"], keeps: ["AccountName=acct", "EndpointSuffix=core"]),
        .init(
            "SharedAccessKey=", "Endpoint=sb://ns.example/;SharedAccessKeyName=Root;SharedAccessKey=c2FrMDA0Mg=",
            secrets: ["c2FrMDA0Mg"], keeps: ["SharedAccessKeyName=Root", "Endpoint=sb://ns.example/"]),
        .init(
            "API Key= (with a space)", "Region=eu; API Key=ak-0042-zz; User=u", secrets: ["ak-0042-zz"],
            keeps: ["User=u"]),
        .init(
            "Passphrase=", "Passphrase=correct horse 0042;User=u", secrets: ["correct horse 0042", "horse"],
            keeps: ["User=u"]),
        .init(
            "XML element", "<Config><User>u</User><Password>xml-pw-0042</Password></Config>",
            secrets: ["xml-pw-0042"], keeps: ["<User>u</User>", "</Password>"]),
        .init(
            "YAML member", "user: u\npassword: yaml-pw-0042\nhost: db", secrets: ["yaml-pw-0042"],
            keeps: ["user: u", "host: db"]),
        .init(
            "JSON number", #"{"password": 987650016, "user": "u"}"#, secrets: ["987650016"], keeps: [#""user": "u""#]),
        .init(
            "JSON secretKey", #"{"secretKey":"sk-json-0042","name":"Accounts"}"#, secrets: ["sk-json-0042"],
            keeps: [#""name":"Accounts""#]),
        .init(
            "JSON private_key", #"{"private_key":"-----BEGIN KEY----- pk0042","id":"k1"}"#, secrets: ["pk0042"],
            keeps: [#""id":"k1""#]),
        .init(
            "JSON array of tokens", #"{"tokens":["tok-a-0042","tok-b-0042"],"count":2}"#,
            secrets: ["tok-a-0042", "tok-b-0042"], keeps: [#""count":2"#]),
        .init(
            "JSON escaped name", #"{"pass\u0077ord":"esc-pw-0042","user":"u"}"#, secrets: ["esc-pw-0042"],
            keeps: [#""user":"u""#]),
        .init(
            "URL user information", "cannot reach postgres://etl:url-pw-0042@db.example:5432/sales now",
            secrets: ["url-pw-0042"], keeps: ["postgres://etl:", "@db.example:5432/sales now"]),
        .init(
            "Bearer with a colon", "sent Bearer tok:xyz0042 to the API", secrets: ["tok:xyz0042", "xyz0042"],
            keeps: ["to the API"]),
        .init(
            "quoted value in JSON text", #"{"message":"failed: Password=\"pw-0042\";User=u"}"#, secrets: ["pw-0042"],
            keeps: ["User=u", #"{"message":"failed: Password="#]),
        // Shapes that were already redacted.
        .init(
            "connection string", "Server=db;User=u;Password=hunter2;", secrets: ["hunter2"],
            keeps: ["Server=db;User=u;"]),
        .init("query string", "https://h.example/x?token=qtok-0042&page=2", secrets: ["qtok-0042"], keeps: ["page=2"]),
        .init(
            "JSON connection string", #"{"connectionString":"Server=db;Password=cs-0042;","name":"Accounts"}"#,
            secrets: ["cs-0042"], keeps: [#""name":"Accounts""#]),
        .init(
            "JSON escaped quotes", #"{"client_secret":"s3cr\"et-0042","name":"Accounts"}"#,
            secrets: ["s3cr", "et-0042"],
            keeps: [#""name":"Accounts""#]),
        .init(
            "JSON inside a JSON string", #"{"properties_json":"{\"password\":\"nested-0042\",\"db\":\"sales\"}"}"#,
            secrets: ["nested-0042"], keeps: [#"\"db\":\"sales\""#]),
        .init(
            "Basic credentials", "Authorization: Basic dXNlcjpwYXNzMDA0Mg== (user u)", secrets: ["dXNlcjpwYXNzMDA0Mg"]),
        .init(
            "JSON Web Token", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMDQyIn0.c2lnMDA0Mg here",
            secrets: ["eyJzdWIiOiIwMDQyIn0", "c2lnMDA0Mg"], keeps: [" here"]),
        .init(
            "quoted value with ;", "Server=db;Password='a;b c-0042';User=u", secrets: ["b c-0042"], keeps: ["User=u"]),
        .init(
            #"double-quoted value"#, #"Server=db;Password="x y-0042";User=u"#, secrets: ["y-0042"], keeps: ["User=u"]),
        .init("value with a space", "Server=db;Password=hunter 2-0042;User=u", secrets: ["2-0042"], keeps: ["User=u"]),
    ]
}
