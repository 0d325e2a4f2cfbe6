/// A portable field of ``Job``, for saying what a provider does with each one.
public enum JobField: String, Hashable, Sendable, CaseIterable {
    /// ``Job/name``.
    case name
    /// ``Job/kind`` (its category and provider value).
    case kind
    /// ``Job/source``.
    case source
    /// ``Job/destination``.
    case destination
    /// ``Job/schedule``.
    case schedule
    /// ``Job/isEnabled``.
    case isEnabled
    /// ``Job/tasks`` (queries, tables and active flags, in order).
    case tasks
    /// ``Job/settings``.
    case settings

    /// The fields a ``JobUpdate`` can carry (a job's kind and tasks are not changed by an
    /// update: tasks have operations of their own).
    public static let inUpdates: Set<JobField> = [.name, .source, .destination, .schedule, .isEnabled, .settings]
}

/// What a provider really does with each portable field of a job: which fields its reads
/// report, which a create and an update can set, which schedule kinds it reads back, and
/// what a cancelled run reads back as.
///
/// Declared in ``ProviderDescriptor/fields`` next to the operations
/// (``ProviderDescriptor/capabilities``) and the schedule kinds written
/// (``ProviderDescriptor/scheduleKinds``). The contract suite derives its cases from it
/// and the README's capability matrix is generated from it. For example CData Connect AI
/// reports a job's name but cannot set it through its documented API, and Apache Airflow
/// can only mark a run failed, so a cancelled run reads back as failed there.
///
/// What the operations do with the declaration:
/// - an update that sets a field outside ``updatable`` is refused before any request
///   (``JobBridgeError/Code/unsupported`` naming the field: see ``JobUpdate/validate(for:)``);
/// - a create keeps only the fields in ``creatable``: the others take the provider's own
///   value (the created job, as returned, says which);
/// - a field outside ``readable`` reads back as the model's default.
public struct FieldCapabilities: Hashable, Sendable {
    /// The fields the provider's reads report as they are stored.
    public var readable: Set<JobField>
    /// The fields a create keeps from the ``JobDefinition`` (meaningful when
    /// ``JobOperation/createJob`` is declared).
    public var creatable: Set<JobField>
    /// The fields an update can change (meaningful when ``JobOperation/updateJob`` is
    /// declared); only ``JobField/inUpdates`` can appear in an update at all.
    public var updatable: Set<JobField>
    /// The schedule kinds the provider's reads can return, besides
    /// ``Schedule/Kind/unreadable`` (which any provider may return, and which the
    /// initializer leaves out). It can differ from the kinds written
    /// (``ProviderDescriptor/scheduleKinds``): CData Connect AI accepts a cron schedule
    /// that converts exactly to an interval, and reads back the interval.
    public var scheduleKindsRead: Set<Schedule.Kind>
    /// The phase a run stopped with ``JobProvider/cancelRun(of:)`` reads back as
    /// (``RunStatus/Phase/cancelled`` on most providers; meaningful when
    /// ``JobOperation/cancelRun`` is declared).
    public var cancelledRunPhase: RunStatus.Phase

    /// Creates a declaration; every parameter defaults to "everything".
    public init(
        readable: Set<JobField> = Set(JobField.allCases),
        creatable: Set<JobField> = Set(JobField.allCases),
        updatable: Set<JobField> = JobField.inUpdates,
        scheduleKindsRead: Set<Schedule.Kind> = Schedule.Kind.writable,
        cancelledRunPhase: RunStatus.Phase = .cancelled
    ) {
        self.readable = readable
        self.creatable = creatable
        self.updatable = updatable
        self.scheduleKindsRead = scheduleKindsRead.subtracting([.unreadable])
        self.cancelledRunPhase = cancelledRunPhase
    }

    /// Every field read, created and updated; every schedule kind read; cancelled runs
    /// read as ``RunStatus/Phase/cancelled``. The default of ``ProviderDescriptor/fields``.
    public static let all = FieldCapabilities()

    /// The fields that survive a create and a read: ``creatable`` and ``readable``.
    public var roundTrip: Set<JobField> { creatable.intersection(readable) }

    /// The fields an update carries that the provider cannot set, in declaration order.
    public func unsettable(in update: JobUpdate) -> [JobField] {
        JobField.allCases.filter { update.sets($0) && !updatable.contains($0) }
    }
}

extension JobUpdate {
    /// Whether the update sets the field (a kind or tasks: never).
    public func sets(_ field: JobField) -> Bool {
        switch field {
        case .name: return name != nil
        case .source: return source != nil
        case .destination: return destination != nil
        case .schedule: return schedule != nil
        case .isEnabled: return isEnabled != nil
        case .settings: return !settings.isEmpty
        case .kind, .tasks: return false
        }
    }
}
