import Foundation
import JobBridge

/// Passes 2 and 3 of planning: provenance and name conflicts (with the conflict policy),
/// then each planned job's targets, action and verdict.
extension Planner {
    // MARK: Pass 2

    struct Resolution {
        var found: Job?
        var conflictID: String?
        var loss: Loss?
        var action: MigrationAction = .create
    }

    /// Finds the target by provenance, else a same-named job that is not ours, and applies
    /// the conflict policy (renaming the draft when asked).
    func resolve(_ draft: inout DraftTarget, sourceName: String) -> Resolution {
        var resolution = Resolution()
        if let found = draft.lookup.find(in: targetJobs) {
            resolution.found = found
            resolution.action = .adopt
            return resolution
        }
        guard target.fields.creatable.contains(.name),
            let existing = targetJobs.first(where: { $0.name == draft.baseName || $0.name == draft.expectedName })
        else { return resolution }
        resolution.conflictID = existing.id.rawValue
        switch options.conflictPolicy {
        case .fail:
            resolution.action = .blocked
            resolution.loss = Loss(
                .targetExists, field: "name",
                "the target already has a job named '\(existing.name)' (id \(existing.id)) that this migration did "
                    + "not create")
        case .adopt:
            resolution.found = existing
            resolution.action = .adopt
            resolution.loss = Loss(
                .targetExists, field: "name",
                "the target's job '\(existing.name)' (id \(existing.id)) is adopted as this job's target, unchanged",
                verdict: .exact)
        case .skip:
            resolution.action = .skip
            resolution.loss = Loss(
                .targetExists, field: "name",
                "the target already has a job named '\(existing.name)'; the job is skipped, as asked", verdict: .exact)
        case .rename:
            var counter = 1
            var candidate = draft.baseName + options.renameSuffix
            let taken = Set(targetJobs.map(\.name))
            let suffix = target.migration.provenanceSlot == .nameSuffix ? draft.key.nameSuffix : ""
            let full = { (name: String) in name + suffix }
            while taken.contains(candidate) || taken.contains(full(candidate)) {
                counter += 1
                candidate = draft.baseName + options.renameSuffix + " \(counter)"
            }
            draft.baseName = candidate
            draft.expectedName = full(candidate)
            draft.definition.name = full(candidate)
            draft.lookup.name = draft.expectedName
            resolution.loss = Loss(
                .targetExists, field: "name",
                "the target already has a job named '\(existing.name)'; this one is created as '\(full(candidate))'",
                verdict: .exact)
        }
        return resolution
    }

    // MARK: Pass 3

    func finish(_ draft: Draft, _ resolutions: [Resolution], planID: String) -> PlannedJob {
        var losses = draft.losses + resolutions.compactMap(\.loss)
        var targets: [PlannedTarget] = []
        var actions: [MigrationAction] = []
        let staging: StagingMode =
            target.migration.staging == .manualScheduleRecreate ? .stagedManualRecreate : .createdDisabled
        for (draftTarget, resolution) in zip(draft.targets, resolutions) {
            var definition = draftTarget.definition
            if var carried = draftTarget.carried, let member = ContentTranslation.freeSlotMember(target.migration) {
                carried.planID = planID
                definition.settings[member] = SecretScrubber.scrub(carried.json)
            }
            var cutover: DefinitionSnapshot?
            if staging == .stagedManualRecreate, let schedule = draftTarget.schedule {
                cutover = definition
                cutover?.schedule = schedule
            }
            var planned = PlannedTarget(
                splitIndex: draftTarget.splitIndex, provenanceKey: draftTarget.key, definition: definition,
                cutoverDefinition: cutover, expectedName: draftTarget.expectedName, lookup: draftTarget.lookup,
                enableAtCutover: draft.job.isEnabled, staging: staging)
            var action = resolution.action
            if let found = resolution.found {
                planned.existingTargetID = found.id.rawValue
                if resolution.loss == nil {
                    let (decided, loss) = drift(&planned, found: found, written: written[draftTarget.key])
                    action = decided
                    if let loss { losses.append(loss) }
                }
            }
            actions.append(action)
            targets.append(planned)
        }
        let verdict = MigrationVerdict.worst(losses.map(\.verdict))
        let action: MigrationAction
        if verdict == .impossible {
            action = .skip
        } else if verdict == .blocked || actions.contains(.blocked) || targets.isEmpty {
            action = verdict == .blocked || actions.contains(.blocked) ? .blocked : .skip
        } else if actions.contains(.skip) {
            action = .skip
        } else if actions.contains(.create) {
            action = .create
        } else if actions.contains(.update) {
            action = .update
        } else {
            action = .adopt
        }
        return PlannedJob(
            sourceID: draft.job.id.rawValue, sourceName: draft.job.name, source: draft.snapshot,
            sourceFingerprint: draft.fingerprint, action: action, verdict: verdict, losses: losses,
            connections: draft.needs, targets: targets)
    }

    /// Decides a target found by provenance: matches the plan (`ALREADY_MIGRATED`, adopt);
    /// edited by hand since `written` put it there (`DRIFT_TARGET`, blocked, never
    /// overwritten); otherwise its source changed: `update` with the differing fields, or
    /// blocked when the target cannot update a job in place.
    func drift(_ planned: inout PlannedTarget, found: Job, written: PlannedTarget?) -> (MigrationAction, Loss?) {
        let differences = PlanVerification.differences(planned: planned, readBack: found)
        if differences.isEmpty {
            return (
                .adopt, Loss(.alreadyMigrated, "target \(found.id) carries this job's provenance and matches the plan")
            )
        }
        let edited = written.map { PlanVerification.differences(planned: $0, readBack: found) } ?? []
        planned.differences = edited.isEmpty ? differences : edited
        if !edited.isEmpty {
            return (
                .blocked,
                Loss(
                    .driftTarget, field: edited.joined(separator: ", "),
                    "target \(found.id) was edited since the migration wrote it (\(edited.joined(separator: ", "))); "
                        + "it is not overwritten")
            )
        }
        guard target.capabilities.supports(.updateJob) else {
            return (
                .blocked,
                Loss(
                    .preflightFailed, field: differences.joined(separator: ", "),
                    "the source changed since migration (\(differences.joined(separator: ", "))) but \(target.name) "
                        + "cannot update target \(found.id) in place",
                    remedy: "delete the target and apply again to re-create it, or keep it as it is", verdict: .blocked)
            )
        }
        return (.update, nil)
    }
}
