import Foundation
import JobBridge
import Testing

/// A provider that implements nothing: every operation must fall to the defaults.
private struct BareProvider: JobProvider {
    var descriptor: ProviderDescriptor { ProviderDescriptor(name: "Bare", capabilities: []) }
}

@Suite struct UnsupportedOperationTests {
    private func expectUnsupported<T>(_ operation: JobOperation, _ body: () async throws -> T) async {
        do {
            _ = try await body()
            Issue.record("\(operation) did not throw")
        } catch let error as JobBridgeError {
            #expect(error.code == .unsupported)
            #expect(error.operation == operation)
            #expect(error.provider == "Bare")
            #expect(error.description == "Bare \(operation): unsupported: Bare does not support \(operation)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func everyDefaultThrowsUnsupportedNamingTheOperation() async {
        let provider = BareProvider()
        await expectUnsupported(.listJobs) { try await provider.jobs().collect() }
        await expectUnsupported(.getJob) { try await provider.job("1") }
        await expectUnsupported(.createJob) {
            try await provider.createJob(JobDefinition(name: "a", kind: JobKind(.other)))
        }
        await expectUnsupported(.updateJob) { try await provider.updateJob("1", with: JobUpdate()) }
        await expectUnsupported(.deleteJob) { try await provider.deleteJob("1") }
        await expectUnsupported(.runJob) { try await provider.runJob("1") }
        await expectUnsupported(.runTasks) { try await provider.runJob("1", tasks: ["t"]) }
        await expectUnsupported(.cancelRun) { try await provider.cancelRun(of: "1") }
        await expectUnsupported(.status) { try await provider.status(of: "1") }
        await expectUnsupported(.runHistory) { try await provider.runs(of: "1").collect() }
        await expectUnsupported(.getRun) { try await provider.run("r", of: "1") }
        await expectUnsupported(.listTasks) { try await provider.tasks(of: "1") }
        await expectUnsupported(.listTasks) { try await provider.task("t", of: "1") }
        await expectUnsupported(.addTask) { try await provider.addTask(TaskDefinition(query: "q"), to: "1") }
        await expectUnsupported(.updateTask) { try await provider.updateTask("t", of: "1", with: TaskUpdate()) }
        await expectUnsupported(.deleteTask) { try await provider.deleteTask("t", of: "1") }
        await expectUnsupported(.moveTask) { try await provider.moveTask("t", of: "1", to: 0) }
        await expectUnsupported(.taskHistory) { try await provider.taskRuns(of: "t", job: "1") }
    }
}
