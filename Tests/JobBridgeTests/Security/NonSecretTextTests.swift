import Testing

@testable import JobBridge

/// What is not a secret survives redaction whole: names that merely contain a secret
/// word, ordinary pairs, prose, URLs without a password.
@Suite struct NonSecretTextTests {
    @Test(arguments: [
        "tokenizer=word;User=u;Server=db", #"{"token_type":"Bearer","expires_in":3600,"tokenURL":"https://h/t"}"#,
        #"{"name":"Accounts","secretName":"vault-entry","passwordPolicy":"strict"}"#,
        "SharedAccessKeyName=Root;AccountName=acct", "https://db.example:5432/sales?page=2&$top=50",
        "at 10:00:00 the run r-1 of job j-42 succeeded", "<User>u</User><PasswordHint>hint</PasswordHint>",
        "job \"Accounts\" has no tasks", "key: value\nuser: u",
    ])
    func survivesWhole(_ text: String) {
        #expect(Redactor.redact(text) == text)
    }

    @Test func secretNamesAreRecognisedWhateverTheirSpelling() {
        for name in [
            "Password", "PWD", "client_secret", "x-cdata-authtoken", "AWSSecretKey", "Shared-Access-Key", "API Key",
            "api_key", "Authorization-PSK", "Set-Cookie", "Passphrase", "private_key", "Password2", "tokens",
            "connection string",
        ] {
            #expect(Redactor.isSecretName(name), "\(name)")
        }
        for name in ["tokenizer", "User", "SharedAccessKeyName", "token_type", "secretName", "Content-Type", "key"] {
            #expect(!Redactor.isSecretName(name), "\(name)")
        }
    }
}
