import Foundation
import JobBridge

extension SyncProvider {
    /// The native job behind a portable one: its ``SyncJob``, decoded from the job's
    /// ``Job/providerData`` (the JSON object Sync answered with), dates without an offset
    /// read in ``SyncClient/serverTimeZone``. No request is sent.
    ///
    /// This is the escape hatch for what the portable model does not carry (every Sync
    /// setting, the workspace, the modification date); ``client`` is the one for
    /// everything Sync can do that ``JobProvider`` cannot.
    ///
    /// ```swift
    /// let job = try await sync.job("42")
    /// let settings = try sync.native(job).settings
    /// ```
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` if the job carries no JSON, or JSON
    ///   that is not a Sync job (a job of another provider).
    public func native(_ job: Job) throws -> SyncJob {
        guard let data = job.providerData else {
            throw JobBridgeError(.badResponse, "job \(job.id) carries no CData Sync JSON", provider: descriptor.name)
        }
        do {
            return try SyncJob(json: data, timeZone: client.serverTimeZone)
        } catch {
            throw JobBridgeError(
                .badResponse, "job \(job.id)'s JSON is not a Sync job: \(error)", provider: descriptor.name)
        }
    }
}
