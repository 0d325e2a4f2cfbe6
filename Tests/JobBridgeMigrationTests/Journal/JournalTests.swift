import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

@Suite struct JournalTests {
    @Test func recordsAreWrittenOnePerLineAfterAHeaderAndReadBack() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("plan.journal")
        let journal = try MigrationJournal(at: url, planID: "p1")
        try await journal.append(JournalRecord(.intent, step: .create, sourceID: "a", split: 0, provenanceKey: "k"))
        try await journal.append(JournalRecord(.result, step: .create, sourceID: "a", split: 0, targetID: "t1"))
        try await journal.close()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.hasSuffix("\n"))
        let contents = try JournalReader.read(at: url)
        #expect(contents.records.map(\.kind) == [.header, .intent, .result])
        #expect(contents.records.map(\.sequence) == [0, 1, 2])
        #expect(contents.records.first?.planID == "p1")
        #expect(contents.records.last?.targetID == "t1")
        #expect(!contents.hadTornTail)
    }

    @Test func aTornLastLineOfAJournalLongerThanOneReadChunkIsCutAtTheRightByte() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("plan.journal")
        let journal = try MigrationJournal(at: url, planID: "p1", synchronizes: false)
        for index in 0..<1_200 {
            try await journal.append(
                JournalRecord(.intent, step: .create, sourceID: "source-\(index)", split: 0, provenanceKey: "k\(index)")
            )
        }
        try await journal.close()
        let whole = try Data(contentsOf: url)
        #expect(whole.count > 2 * 64 * 1024)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"kind":"result","sequence":1201,"sour"#.utf8))
        try handle.close()
        let reopened = try MigrationJournal(at: url, planID: "p1", synchronizes: false)
        #expect(await reopened.recordCount == 1_201)
        try await reopened.append(JournalRecord(.result, step: .create, sourceID: "source-0", split: 0, targetID: "t"))
        try await reopened.close()
        let contents = try JournalReader.read(at: url)
        #expect(contents.records.count == 1_202)
        #expect(!contents.hadTornTail)
        #expect(try Data(contentsOf: url).prefix(whole.count) == whole)
    }

    @Test func aTornLastLineIsDroppedAndCutOffSoTheNextRecordStartsCleanly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("plan.journal")
        let journal = try MigrationJournal(at: url, planID: "p1")
        try await journal.append(JournalRecord(.intent, step: .create, sourceID: "a", split: 0))
        try await journal.close()
        // A crash mid-write: half a record, no newline.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"kind":"result","sequence":2,"sourceID":"a","targ"#.utf8))
        try handle.close()
        let torn = try JournalReader.read(at: url)
        #expect(torn.hadTornTail)
        #expect(torn.records.count == 2)
        let reopened = try MigrationJournal(at: url, planID: "p1")
        try await reopened.append(JournalRecord(.result, step: .create, sourceID: "a", split: 0, targetID: "t9"))
        try await reopened.close()
        let contents = try JournalReader.read(at: url)
        #expect(!contents.hadTornTail)
        #expect(contents.records.map(\.kind) == [.header, .intent, .result])
        #expect(contents.records.last?.targetID == "t9")
    }

    @Test func aCompleteLastRecordWithoutItsNewlineIsDroppedToo() throws {
        let line = #"{"kind":"header","planID":"p","sequence":0,"version":1}"#
        let contents = try JournalReader.read(Data((line + "\n" + line).utf8))
        #expect(contents.records.count == 1)
        #expect(contents.hadTornTail)
    }

    @Test func aBadLineBeforeTheLastIsRefusedNamingTheLine() throws {
        let header = #"{"kind":"header","planID":"p","sequence":0,"version":1}"#
        #expect {
            try JournalReader.read(Data((header + "\nnot json\n" + header + "\n").utf8))
        } throws: { error in
            (error as? JobBridgeError)?.field == "line 2"
        }
    }

    @Test func anUnknownFormatVersionIsRefused() throws {
        let line = #"{"kind":"header","planID":"p","sequence":0,"version":2}"#
        #expect {
            try JournalReader.read(Data((line + "\n").utf8))
        } throws: { error in
            let error = error as? JobBridgeError
            return error?.field == "line 1.version" && error?.message.contains("version 2") == true
        }
    }

    @Test func aJournalOfAnotherPlanIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("plan.journal")
        try await MigrationJournal(at: url, planID: "p1").close()
        #expect(throws: JobBridgeError.self) { try MigrationJournal(at: url, planID: "p2") }
    }

    @Test func secretsInMessagesAndSnapshotsAreScrubbedBeforeTheyAreWritten() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("plan.journal")
        let journal = try MigrationJournal(at: url, planID: "p1")
        let canary = "CANARY-4f1e-secret"
        try await journal.append(
            JournalRecord(
                .snapshot, step: .deleteSource, sourceID: "a", message: "Server=db;Password=\(canary);",
                snapshot: ["job_name": "x", "password": .string(canary), "props": .string("token=\(canary)")]))
        try await journal.close()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains(canary))
        #expect(text.contains("job_name"))
    }
}
