import Foundation
import JobBridge
import JobBridgeNX1
import Testing

/// `properties_json` is free JSON text that often holds credentials: a job's description
/// and dump show it redacted.
@Suite struct NX1RedactionTests {
    @Test func descriptionAndDumpRedactPropertiesJSON() throws {
        let answer = #"""
            {"id":"3c90c3cc-0d44-4b50-8888-8dd25736052a","job_name":"Accounts","job_type":"airflow.dataeng",
             "properties_json":"{\"connection\":\"Server=db;Password=nx1-pw-0042\",\"password\":\"nx1-pw-0043\",\"rows\":10}",
             "status_message":"login failed for token=nx1-tok-0044","extra":{"api_key":"nx1-key-0045"}}
            """#
        let job = try JSONDecoder().decode(NX1Job.self, from: Data(answer.utf8))
        var dumped = ""
        dump(job, to: &dumped)
        let shown = [String(describing: job), String(reflecting: job), "\(job)", dumped]
        for text in shown {
            for secret in ["nx1-pw-0042", "nx1-pw-0043", "nx1-tok-0044", "nx1-key-0045"] {
                #expect(!text.contains(secret), "\(secret) leaked in: \(text)")
            }
            #expect(text.contains("Accounts"))
        }
        #expect(String(describing: job).contains(#""rows":10"#))
        #expect(job.propertiesJSON?.contains("nx1-pw-0042") == true)  // The value itself is intact.
    }
}
