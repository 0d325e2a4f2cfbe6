import Foundation
import JobBridge

extension JobBridgeMigration {
    /// Plans the migration of jobs from one provider to another, with zero mutating calls.
    ///
    /// Reads the selected source jobs (each fetched whole, tasks included), the target's jobs
    /// (for provenance and name conflicts) and both providers' connection lists (where they
    /// have them); translates each job field by field; compares schedules by their fire
    /// instants; and lists every loss of every job at once. Two plans from the same inputs
    /// encode to identical bytes. No secret is copied into the plan.
    ///
    /// - Parameters:
    ///   - source: The provider the jobs come from.
    ///   - selection: Which jobs (default all).
    ///   - target: The provider they go to.
    ///   - mapping: Connections, tables, job types, schedule overrides, server zone.
    ///   - options: Conflict policy and the rest (part of the plan and of its id).
    ///   - previous: The plan that last wrote the targets (applied), for drift: a target
    ///     found by provenance that no longer matches what `previous` planned was edited by
    ///     hand (`DRIFT_TARGET`, blocked, never overwritten); one that still matches it but
    ///     not this plan is updated (its source changed; `update` with the differing
    ///     fields). Without it, a found target that differs is planned `update`.
    /// - Throws: a `JobBridgeError` from a read (stamped by the provider), or
    ///   `JobBridgeError.Code.notFound` for a selected id the source does not have.
    public static func plan(
        from source: any JobProvider, selection: JobSelection = .all, to target: any JobProvider,
        mapping: ConnectionMapping = ConnectionMapping(), options: MigrationOptions = MigrationOptions(),
        previous: MigrationPlan? = nil
    ) async throws -> MigrationPlan {
        let (planner, listing) = try await Planner.prepare(
            from: source, selection: selection, to: target, mapping: mapping, options: options, previous: previous)
        var planned: [PlannedJob] = []
        let header = try await planner.plan(listing, from: source) { planned.append($0) }
        return header.plan(jobs: planned.map { planner.settingPlanID($0, header.planID) })
    }

    /// Plans as ``plan(from:selection:to:mapping:options:previous:)`` does, writing each
    /// planned job to a streamed plan file at `url` as soon as it is planned
    /// (``MigrationPlanWriter``) instead of holding the plan; the file's bytes are those
    /// ``MigrationPlanFile/write(_:to:)`` writes for the in-memory plan.
    ///
    /// What planning holds whole: the selected source jobs as listed (sorted by id; each is
    /// fetched whole, tasks included, only when its turn comes and released after), the
    /// target's jobs (for provenance and name conflicts), both connection lists, and per
    /// job its id and fingerprint (the plan id is a fingerprint of them all). The plan id is
    /// written into each job's carried content when the file is finished.
    ///
    /// - Returns: The plan file, opened.
    /// - Throws: as the in-memory form does; `JobBridgeError.Code.configuration` when the
    ///   file cannot be written (nothing is left at `url` then).
    @discardableResult
    public static func plan(
        from source: any JobProvider, selection: JobSelection = .all, to target: any JobProvider,
        mapping: ConnectionMapping = ConnectionMapping(), options: MigrationOptions = MigrationOptions(),
        previous: MigrationPlan? = nil, writingTo url: URL
    ) async throws -> MigrationPlanFile {
        let (planner, listing) = try await Planner.prepare(
            from: source, selection: selection, to: target, mapping: mapping, options: options, previous: previous)
        let writer = try MigrationPlanWriter(to: url)
        do {
            let header = try await planner.plan(listing, from: source) { try writer.add($0) }
            return try writer.finish(header) { planner.settingPlanID($0, header.planID) }
        } catch {
            writer.discard()
            throw error
        }
    }
}

/// The pure part of planning: from jobs already read to a plan.
struct Planner {
    let source: ProviderDescriptor
    let target: ProviderDescriptor
    let mapping: ConnectionMapping
    let options: MigrationOptions
    let sourceConnections: [ProviderConnection]?
    let targetConnections: [ProviderConnection]?
    let targetJobs: [Job]
    /// What an earlier plan wrote to each target, by provenance key (drift detection).
    var written: [ProvenanceKey: PlannedTarget] = [:]
    /// Schedule comparisons already made (jobs often share a schedule).
    let comparisons = ComparisonCache()

    // MARK: Reads

    /// The targets an earlier plan created, updated or found matching, by provenance key.
    static func written(by plan: MigrationPlan?) -> [ProvenanceKey: PlannedTarget] {
        var written: [ProvenanceKey: PlannedTarget] = [:]
        for job in plan?.jobs ?? [] where [.create, .update, .adopt].contains(job.action) {
            for target in job.targets { written[target.provenanceKey] = target }
        }
        return written
    }

    /// Reads what planning needs besides the selected jobs themselves, and the selection
    /// as listed.
    static func prepare(
        from source: any JobProvider, selection: JobSelection, to target: any JobProvider,
        mapping: ConnectionMapping, options: MigrationOptions, previous: MigrationPlan?
    ) async throws -> (Planner, Listing) {
        let listing = try await Planner.selectedJobs(source, selection)
        let sourceConnections = try await Planner.connections(of: source)
        let targetConnections = try await Planner.connections(of: target)
        let targetJobs = try await Planner.listedJobs(target)
        let planner = Planner(
            source: source.descriptor, target: target.descriptor, mapping: mapping, options: options,
            sourceConnections: sourceConnections, targetConnections: targetConnections, targetJobs: targetJobs,
            written: Planner.written(by: previous))
        return (planner, listing)
    }

    /// The selected source jobs, sorted by id, and whether each must still be read whole
    /// (its tasks are read per job) when its turn comes.
    struct Listing {
        var jobs: [Job]
        var fetchesWhole: Bool
    }

    static func selectedJobs(_ provider: any JobProvider, _ selection: JobSelection) async throws -> Listing {
        var jobs: [Job] = []
        switch selection {
        case .ids(let ids):
            for id in Set(ids).sorted() { jobs.append(try await provider.job(id)) }
            return Listing(jobs: jobs, fetchesWhole: false)
        case .all, .matching:
            for try await job in provider.jobs() {
                if case .matching(let predicate) = selection, !predicate(job) { continue }
                jobs.append(job)
            }
        }
        let fetch =
            provider.descriptor.capabilities.supports(.getJob)
            && provider.descriptor.migration.taskModel == .orderedList
        return Listing(jobs: jobs.sorted(by: { $0.id < $1.id }), fetchesWhole: fetch)
    }

    static func connections(of provider: any JobProvider) async throws -> [ProviderConnection]? {
        do {
            return try await provider.connections().sorted { $0.id < $1.id }
        } catch let error as JobBridgeError where error.code == .unsupported {
            return nil
        }
    }

    /// The target's jobs. Where a listing leaves out the tasks (an ordered task list read
    /// per job), each job that carries a provenance key is read whole, so that a target
    /// found again is compared with its tasks (otherwise it would always seem to differ).
    static func listedJobs(_ provider: any JobProvider) async throws -> [Job] {
        guard provider.descriptor.capabilities.supports(.listJobs) else { return [] }
        let fetch =
            provider.descriptor.capabilities.supports(.getJob)
            && provider.descriptor.migration.taskModel == .orderedList
        var jobs: [Job] = []
        for try await job in provider.jobs() where job.providerData?["is_deleted"]?.boolValue != true {
            let ours =
                fetch && job.tasks.isEmpty
                && (job.name.contains(" [jb:")
                    || job.settings.values.contains { $0["key"] != nil && $0["planID"] != nil })
            jobs.append(ours ? try await provider.job(job.id) : job)
        }
        return jobs.sorted { $0.id < $1.id }
    }

    // MARK: Plan

    /// What pass 1 makes of a job: everything but the plan id.
    struct Draft {
        var job: Job
        var snapshot: JobSnapshot
        var fingerprint: Fingerprint
        var losses: [Loss]
        var needs: [ConnectionNeed]
        var targets: [DraftTarget]
    }

    struct DraftTarget {
        var splitIndex: Int
        var key: ProvenanceKey
        var definition: DefinitionSnapshot
        var schedule: ScheduleSnapshot?
        var carried: CarriedContent?
        var baseName: String
        var expectedName: String?
        var lookup: TargetLookup
    }

    /// The plan id every job is planned with until the real one is known (it is a
    /// fingerprint of every job's); ``settingPlanID(_:_:)`` puts the real one in.
    static let pendingPlanID = "pending"

    /// Plans the listed jobs one at a time, in order: each is read whole when the listing
    /// left its tasks out, drafted, matched against the target's jobs (provenance and name
    /// conflicts) and finished, then handed to `emit` (with ``pendingPlanID``) and
    /// released. Returns the header, with the plan id; its totals are left to the caller.
    func plan(
        _ listing: Listing, from provider: any JobProvider, emit: (PlannedJob) throws -> Void
    ) async throws -> MigrationPlanHeader {
        var remaining = listing.jobs
        remaining.reverse()
        var conflicts: [String] = []
        var fingerprints: [String] = []
        fingerprints.reserveCapacity(remaining.count)
        while let listed = remaining.popLast() {
            let job = listing.fetchesWhole && listed.tasks.isEmpty ? try await provider.job(listed.id) : listed
            var draft = draft(job)
            var row: [Resolution] = []
            for targetIndex in draft.targets.indices {
                let resolution = resolve(&draft.targets[targetIndex], sourceName: draft.job.name)
                if let conflict = resolution.conflictID {
                    conflicts.append("\(draft.job.id.rawValue)|\(targetIndex)|\(conflict)")
                }
                row.append(resolution)
            }
            fingerprints.append("\(draft.job.id.rawValue)=\(draft.fingerprint)")
            try emit(finish(draft, row, planID: Self.pendingPlanID))
        }
        let targetNames = (try? Fingerprint(of: conflicts.sorted())) ?? Fingerprint(text: "")
        let planID = Self.planID(
            source: source, target: target, mapping: mapping, options: options, targetNames: targetNames,
            fingerprints: fingerprints)
        return MigrationPlanHeader(
            planID: planID, sourceProvider: source.name, sourceScope: source.migration.scope,
            targetProvider: target.name, targetScope: target.migration.scope, mappingFingerprint: mapping.fingerprint,
            targetNamesFingerprint: targetNames, options: options, totals: PlanTotals())
    }

    /// The job with `planID` in the content its targets carry (where the target has a
    /// free slot): what ``finish(_:_:planID:)`` would have written with the real id.
    func settingPlanID(_ job: PlannedJob, _ planID: String) -> PlannedJob {
        guard let member = ContentTranslation.freeSlotMember(target.migration) else { return job }
        var job = job
        job.targets = job.targets.map { planned in
            var planned = planned
            planned.definition.settings[member] = Self.setting(planID, in: planned.definition.settings[member])
            if var cutover = planned.cutoverDefinition {
                cutover.settings[member] = Self.setting(planID, in: cutover.settings[member])
                planned.cutoverDefinition = cutover
            }
            return planned
        }
        return job
    }

    private static func setting(_ planID: String, in carried: JSONValue?) -> JSONValue? {
        guard case .object(var members)? = carried, members["planID"] != nil else { return carried }
        members["planID"] = .string(planID)
        return .object(members)
    }

    static func planID(
        source: ProviderDescriptor, target: ProviderDescriptor, mapping: ConnectionMapping,
        options: MigrationOptions, targetNames: Fingerprint, fingerprints: [String]
    ) -> String {
        let optionsPrint = (try? Fingerprint(of: options)) ?? Fingerprint(text: "")
        let parts =
            [
                "v\(JobBridgeMigration.formatVersion)", source.name, source.migration.scope, target.name,
                target.migration.scope, mapping.fingerprint.rawValue, optionsPrint.rawValue, targetNames.rawValue,
            ] + fingerprints.sorted()
        return ((try? Fingerprint(of: parts)) ?? Fingerprint(text: parts.joined())).rawValue
    }

    // MARK: Pass 1

    func draft(_ job: Job) -> Draft {
        let sourceTraits = source.migration
        let targetTraits = target.migration
        let snapshot = JobSnapshot(job)
        var losses: [Loss] = []
        let carried = ContentTranslation.freeSlotMember(sourceTraits).flatMap { CarriedContent(json: job.settings[$0]) }

        let (kind, kindLosses) = KindTranslation.translate(
            job.kind, to: targetTraits, mapping: mapping, carried: carried?.kind)
        losses += kindLosses

        var schedule = ScheduleTranslation.translate(
            job, from: sourceTraits, to: targetTraits, targetKinds: target.scheduleKinds, mapping: mapping,
            runsPerWindow: options.comparedRuns, cache: comparisons)
        if let carriedSchedule = carried?.schedule, case .manual = job.schedule,
            let restored = try? carriedSchedule.schedule()
        {
            // A target staged without its schedule: the intended one is carried.
            var again = job
            again.schedule = restored
            schedule = ScheduleTranslation.translate(
                again, from: sourceTraits, to: targetTraits, targetKinds: target.scheduleKinds, mapping: mapping,
                runsPerWindow: options.comparedRuns, cache: comparisons)
        }
        losses += schedule.losses
        if let notBefore = options.firstRunNotBefore, case .interval(let interval)? = schedule.schedule {
            schedule.schedule = .interval(ScheduleComparison.advanced(interval, to: notBefore))
        }

        let connections = ConnectionTranslation.translate(
            job,
            .init(
                sourceTraits: sourceTraits, targetTraits: targetTraits, mapping: mapping, options: options,
                sourceConnections: sourceConnections, targetConnections: targetConnections))
        losses += connections.losses

        let content = ContentTranslation.translate(
            job, carried: carried,
            .init(source: sourceTraits, target: targetTraits, targetCategory: kind?.category, mapping: mapping))
        losses += content.losses

        if !target.fields.creatable.contains(.name) {
            losses.append(
                Loss(
                    .nameSetByProvider, field: "name",
                    "the target names its jobs itself; the target of '\(job.name)' is found by its source and table"))
        }
        if !job.isEnabled {
            losses.append(
                Loss(.sourceDisabled, field: "isEnabled", "the source is disabled; the target stays disabled"))
        }
        if !sourceTraits.canDisableSource {
            losses.append(
                Loss(
                    .cutoverDeleteOnly, field: "isEnabled",
                    "the source cannot be disabled; cutover deletes it after keeping a snapshot, only when asked"))
        }
        if sourceTraits.destination == .implied, job.isEnabled {
            losses.append(
                Loss(.cutoverReadersLive, field: "isEnabled", "disabling the source switches its readers to live data"))
        }
        let staging: StagingMode =
            targetTraits.staging == .manualScheduleRecreate ? .stagedManualRecreate : .createdDisabled
        if staging == .stagedManualRecreate, let translated = schedule.schedule, translated != .manual {
            losses.append(
                Loss(
                    .cutoverRecreate, field: "schedule",
                    "the target is created without its schedule and re-created with it at cutover"))
        }

        var targets: [DraftTarget] = []
        if let kind, let translated = schedule.schedule {
            let named = target.fields.creatable.contains(.name)
            for (index, tasks) in content.taskGroups.enumerated() {
                let key = ProvenanceKey(
                    sourceProvider: source.name, sourceScope: sourceTraits.scope, sourceJobID: job.id.rawValue,
                    splitIndex: index)
                let sourceName = Self.withoutProvenanceSuffix(job.name)
                let base = content.taskGroups.count > 1 && named ? "\(sourceName) #\(index + 1)" : sourceName
                var settings = content.settings.merging(schedule.settings) { _, new in new }
                var carriedContent: CarriedContent?
                if ContentTranslation.freeSlotMember(targetTraits) != nil {
                    carriedContent = CarriedContent(
                        key: key, planID: "", sourceProvider: source.name, sourceScope: sourceTraits.scope,
                        sourceID: job.id.rawValue, splitIndex: index, kind: KindSnapshot(job.kind),
                        settings: content.carriedSettings, tasks: content.carriedTasks, fields: content.carriedFields,
                        schedule: staging == .stagedManualRecreate ? ScheduleSnapshot(translated) : nil)
                }
                settings = SecretScrubber.scrub(settings)
                let expected: String? =
                    named ? (targetTraits.provenanceSlot == .nameSuffix ? base + key.nameSuffix : base) : nil
                let definition = DefinitionSnapshot(
                    name: expected ?? base, kind: kind, source: connections.source,
                    destination: connections.destination,
                    schedule: staging == .stagedManualRecreate ? .manual : ScheduleSnapshot(translated),
                    isEnabled: staging == .stagedManualRecreate, tasks: tasks, settings: settings)
                targets.append(
                    DraftTarget(
                        splitIndex: index, key: key, definition: definition, schedule: ScheduleSnapshot(translated),
                        carried: carriedContent, baseName: base, expectedName: expected,
                        lookup: lookup(key: key, expected: expected, definition: definition)))
            }
        }
        let needs = connections.needs.map { need -> ConnectionNeed in
            var need = need
            need.source = need.source.map(JobSnapshot.redacted)
            return need
        }
        return Draft(
            job: job, snapshot: snapshot, fingerprint: snapshot.fingerprint, losses: losses, needs: needs,
            targets: targets)
    }

    /// A name without the ` [jb:<8 hex>]` suffix an earlier migration gave it (on a provider
    /// whose names carry provenance).
    static func withoutProvenanceSuffix(_ name: String) -> String {
        guard name.hasSuffix("]"),
            let range = name.range(of: " [jb:", options: .backwards),
            name.distance(from: range.upperBound, to: name.endIndex) == 9
        else { return name }
        return String(name[..<range.lowerBound])
    }

    func lookup(key: ProvenanceKey, expected: String?, definition: DefinitionSnapshot) -> TargetLookup {
        switch target.migration.provenanceSlot {
        case .settingsMember(let member):
            return TargetLookup(strategy: .settingsMember, key: key, member: member, name: expected)
        case .nameSuffix:
            return TargetLookup(strategy: .nameSuffix, key: key, nameSuffix: key.nameSuffix, name: expected)
        case .naturalKey:
            return TargetLookup(
                strategy: .naturalKey, key: key, name: expected,
                sourceConnection: definition.source?.id?.rawValue ?? definition.source?.name,
                table: definition.tasks.first?.table)
        case .none:
            return TargetLookup(strategy: .name, key: key, name: expected ?? definition.name)
        }
    }
}
