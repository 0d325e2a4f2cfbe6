import Foundation
import JobBridge
import Testing

@Suite struct ValidationTests {
    let descriptor = ProviderDescriptor(
        name: "Test", capabilities: .all, scheduleKinds: [.manual, .interval], maximumNameLength: 10)

    private func field(of definition: JobDefinition) -> String? {
        do {
            try definition.validate(for: descriptor)
            return nil
        } catch let error as JobBridgeError {
            #expect(error.code == .invalidDefinition)
            #expect(error.provider == "Test")
            #expect(error.operation == .createJob)
            return error.field
        } catch {
            Issue.record("unexpected error \(error)")
            return "?"
        }
    }

    private var valid: JobDefinition { JobDefinition(name: "ok", kind: JobKind(.replication)) }

    @Test func aValidDefinitionPasses() {
        #expect(field(of: valid) == nil)
    }

    @Test func eachProblemIsReportedWithItsField() throws {
        var definition = valid
        definition.name = " \n"
        #expect(field(of: definition) == "name")
        definition.name = "much too long a name"
        #expect(field(of: definition) == "name")
        definition = valid
        definition.schedule = .interval(IntervalSchedule(every: 0, .day))
        #expect(field(of: definition) == "schedule.count")
        definition.schedule = .cron(try CronSchedule("0 * * * *"))
        #expect(field(of: definition) == "schedule")
        definition = valid
        definition.source = ConnectionRef(id: "", name: " ")
        #expect(field(of: definition) == "source")
        definition = valid
        definition.tasks = [TaskDefinition(query: "SELECT 1"), TaskDefinition(table: TableRef(name: ""))]
        #expect(field(of: definition) == "tasks[1]")
    }

    @Test func theMessageSaysWhatIsAccepted() throws {
        var definition = valid
        definition.schedule = .cron(try CronSchedule("0 * * * *"))
        let error = #expect(throws: JobBridgeError.self) { try definition.validate(for: descriptor) }
        #expect(error?.message == "Test does not accept cron schedules (it accepts: interval, manual)")
    }

    @Test func updatesAndTasksAreValidatedToo() {
        #expect(throws: JobBridgeError.self) { try JobUpdate(name: "").validate(for: descriptor) }
        #expect(throws: JobBridgeError.self) {
            try JobUpdate(schedule: .interval(IntervalSchedule(every: -1, .hour))).validate(for: descriptor)
        }
        #expect(throws: JobBridgeError.self) { try TaskDefinition().validate(for: descriptor) }
        #expect(throws: JobBridgeError.self) { try TaskUpdate(query: " ").validate(for: descriptor) }
        #expect(throws: Never.self) { try JobUpdate(isEnabled: true).validate(for: descriptor) }
    }
}
