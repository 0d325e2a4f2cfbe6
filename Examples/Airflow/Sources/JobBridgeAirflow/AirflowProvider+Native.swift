import Foundation
import JobBridge

extension AirflowProvider {
    /// The native DAG behind a portable job: its ``AirflowDAG``, decoded from the job's
    /// ``Job/providerData`` (the DAG's JSON as Airflow answered it). No request is sent.
    ///
    /// This is the escape hatch for what the portable model does not carry (file
    /// whether it is active, owners and tags as typed values, the time table in words);
    /// ``client`` is the one for everything Airflow can do that ``JobProvider`` cannot.
    ///
    /// ```swift
    /// let job = try await airflow.job("orders_ingest")
    /// let dag = try airflow.native(job)
    /// ```
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` if the job carries no JSON, or JSON
    ///   that is not a DAG (a job of another provider).
    public func native(_ job: Job) throws -> AirflowDAG {
        guard let data = job.providerData else {
            throw JobBridgeError(.badResponse, "job \(job.id) carries no Airflow JSON", provider: descriptor.name)
        }
        do {
            return try JSONDecoder().decode(AirflowDAG.self, from: try data.data())
        } catch {
            throw JobBridgeError(
                .badResponse, "job \(job.id)'s JSON is not an Airflow DAG: \(error)", provider: descriptor.name)
        }
    }
}
