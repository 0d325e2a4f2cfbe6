import Foundation
import JobBridge
import JobBridgeSimulation

extension ConnectSimulator {
    /// The Job API: list, describe, create, update, delete, run, stop.
    func registerJobRoutes() {
        let state = state
        let now = clock.dateSource

        // Chosen: an account without jobs answers `{"jobs": null}`, which the documents allow.
        on(.get, "/job/list") { _ in
            let jobs = await state.renderAll()
            return .json(200, ["jobs": jobs.isEmpty ? .null : .array(jobs)])
        }

        // Chosen: describe answers the bare JobInfo (the current documents); create and
        // update answer `{"jobs":[JobInfo]}` as the seed's examples show.
        on(.get, "/job/:jobID") { request in
            guard let job = await state.render(request.param("jobID")) else {
                throw SimulatorFailure.notFound("job \(request.param("jobID"))")
            }
            return .json(200, job)
        }

        on(.post, "/job/create") { request in
            var members = try SimulatedJobs.members(from: try Self.object(request))
            let id = await state.makeID()
            let stamp = now()
            members["id"] = .string(id)
            members["created"] = .string(SimulatedJobs.format(stamp, fractionDigits: 3))
            members["lastModified"] = .string(SimulatedJobs.format(stamp, fractionDigits: 7))
            await state.insert(SimulatorState.JobRecord(members: members, run: nil), id: id)
            return .json(200, ["jobs": [await state.render(id) ?? .null]])
        }

        // Chosen: update replaces the job with the body (params whole), keeps id and
        // created, and is allowed while a run is going (the documents say nothing). The
        // documented body has no name, so a body without one keeps the job's name.
        on(.put, "/job/:jobID/update") { request in
            let id = request.param("jobID")
            guard let record = await state.record(id) else { throw SimulatorFailure.notFound("job \(id)") }
            let body = try Self.object(request)
            var members = try SimulatedJobs.members(from: body)
            if body["name"]?.stringValue?.isEmpty != false, let name = record.members["name"] {
                members["name"] = name
            }
            members["id"] = .string(id)
            members["created"] = record.members["created"]
            members["lastModified"] = .string(SimulatedJobs.format(now(), fractionDigits: 7))
            await state.insert(SimulatorState.JobRecord(members: members, run: record.run), id: id)
            return .json(200, ["jobs": [await state.render(id) ?? .null]])
        }

        // Chosen: deleting a running job is allowed; the answer has no body.
        on(.delete, "/job/:jobID/delete") { request in
            let id = request.param("jobID")
            guard await state.remove(id) else { throw SimulatorFailure.notFound("job \(id)") }
            return .empty(200)
        }

        on(.post, "/job/:jobID/run") { request in
            let id = request.param("jobID")
            guard let record = await state.record(id) else { throw SimulatorFailure.notFound("job \(id)") }
            let stamp = now()
            if SimulatedJobs.isActive(record.run, now: stamp) {
                throw SimulatorFailure(409, "CACHE_JOB_RUNNING", "job \(id) is already queued or running")
            }
            let outcome = await state.nextOutcome
            await state.setRun(SimulatorState.RunRecord(queuedAt: stamp, outcome: outcome, rows: 42), of: id)
            return .empty(200)
        }

        // Chosen: stopping a job that is not running does nothing and answers 200.
        on(.post, "/job/:jobID/stop") { request in
            let id = request.param("jobID")
            guard let record = await state.record(id) else { throw SimulatorFailure.notFound("job \(id)") }
            let stamp = now()
            if var run = record.run, SimulatedJobs.isActive(run, now: stamp) {
                run.stoppedAt = stamp
                await state.setRun(run, of: id)
            }
            return .empty(200)
        }
    }

    /// Makes the following runs end with this status (`JOB_SUCCEEDED` by default, or
    /// `JOB_FAILED`).
    public func setRunOutcome(_ status: String) async {
        await state.setNextOutcome(status)
    }
}
