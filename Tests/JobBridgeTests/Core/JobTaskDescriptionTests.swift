import Foundation
import JobBridge
import Testing

/// A task prints as one readable line (position, id, what it runs, whether it runs), like
/// the other model types, and never shows a secret from its query or its provider's JSON.
@Suite struct JobTaskDescriptionTests {
    @Test func aQueryTaskPrintsItsPositionIDAndQuery() {
        let task = JobTask(id: "870237973789151200", index: 0, query: "REPLICATE [Accounts] SELECT * FROM [Accounts]")
        #expect(
            String(describing: task) == #"#0 task 870237973789151200 "REPLICATE [Accounts] SELECT * FROM [Accounts]""#)
    }

    @Test func aTableTaskPrintsItsTableAndWhetherItRuns() {
        let task = JobTask(id: "t-2", index: 1, table: TableRef(schema: "dbo", name: "Orders"), isActive: false)
        #expect(String(describing: task) == "#1 task t-2 table dbo.Orders (inactive)")
        #expect(String(describing: JobTask(id: "t-3", index: 2)) == "#2 task t-3 (no query or table)")
    }

    @Test func aTaskInAJobPrintsAsItsOneLine() {
        let task = JobTask(id: "7", index: 0, query: "REPLICATE [Leads]")
        #expect(String(describing: [task]) == #"[#0 task 7 "REPLICATE [Leads]"]"#)
    }

    @Test func aLongOrMultilineQueryStaysOneBoundedLine() {
        let query = "REPLICATE [A]\nSELECT " + String(repeating: "x, ", count: 10_000) + "y FROM [A]"
        let text = String(describing: JobTask(id: "1", index: 0, query: query))
        #expect(!text.contains("\n"))
        #expect(text.count < JobTask.describedQueryLimit + 60)
        #expect(text.contains(#"REPLICATE [A]\nSELECT"#))
    }

    @Test func secretsInTheQueryOrTheProvidersJSONNeverShow() {
        let task = JobTask(
            id: "9", index: 3,
            query: "REPLICATE [A] SELECT * FROM [A] WITH ConnectionString='Server=db;Password=hunter2;'",
            providerData: ["Query": "x", "password": "s3cr3t-value"])
        var dumped = ""
        dump(task, to: &dumped)
        for text in [String(describing: task), String(reflecting: task), "\([task])", dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
            #expect(!text.contains("s3cr3t-value"), "\(text)")
        }
        #expect(String(describing: task).hasPrefix(#"#3 task 9 "REPLICATE [A] SELECT * FROM [A]"#))
        #expect(dumped.contains("REPLICATE [A]"))
    }
}
