import Foundation
import JobBridge

extension NX1Provider {
    /// The native job behind a portable one: its ``NX1Job``, decoded from the job's
    /// ``Job/providerData`` (the whole job NX1 answered with, unknown fields included).
    /// No request is sent.
    ///
    /// This is the escape hatch for what the portable model does not carry (the owner,
    /// the status message, the last completed and failed dates, `properties_json` as
    /// sent); ``client`` is the one for everything NX1 can do that ``JobProvider`` cannot.
    ///
    /// ```swift
    /// let job = try await nx1.job("17")
    /// let owner = try nx1.native(job).ownerID
    /// ```
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` if the job carries no JSON, or JSON
    ///   that is not an NX1 job (a job of another provider).
    public func native(_ job: Job) throws -> NX1Job {
        guard let data = job.providerData else {
            throw JobBridgeError(.badResponse, "job \(job.id) carries no NX1 JSON", provider: descriptor.name)
        }
        do {
            return try JSONDecoder().decode(NX1Job.self, from: try data.data())
        } catch {
            throw JobBridgeError(
                .badResponse, "job \(job.id)'s JSON is not an NX1 job: \(error)", provider: descriptor.name)
        }
    }
}
