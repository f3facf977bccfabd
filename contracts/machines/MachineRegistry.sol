// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EpochStats, Job, Machine} from "./MachineTypes.sol";

/// @title MachineRegistry
/// @notice Inference machines (docs/ARCHITECTURE.md §5): operators stake ARENA behind an endpoint, prove liveness with
/// heartbeats, and are scored per epoch on uptime, latency and the jobs they served:
/// `AI_TASK_SCORE = 1 + min(1, Σ(weight × success) / TASK_WEIGHT_NORM)`.
/// @dev Who may report what follows what the chain can verify:
/// - **Heartbeats come from the machine's operator only.** The transaction itself is the proof: it is signed by
///   the operator's key and its block time fixes the slot, so nobody else is needed (or trusted) to attest it.
/// - **Latency and job results come from REPORTER_ROLE only** (gateways that dispatched the job and timed it).
///   A machine's own claim to have answered well or fast cannot be checked on chain, and it would always claim so.
/// - **A machine may still claim the jobs it served** (`claimJob`). Claims never raise the task score; they are
///   recorded so that jobs a machine served but no reporter confirmed are visible to everyone. Job ids live in
///   one id space per machine (`jobs(machineId, jobId)`): only the machine's operator claims in it, so nobody can
///   take, block or confirm-away the ids of another machine.
///
/// **Who is trusted for what.**
/// - `DEFAULT_ADMIN_ROLE` (the deployer, meant to be governance) grants and revokes REPORTER_ROLE. It cannot move
///   stake: the registry has no function that sends tokens to anyone but a machine's own operator.
/// - `REPORTER_ROLE` is meant for the gateways that dispatch jobs to machines (on the local chain, the dev
///   wallet's accounts that the /machines page reports from). A reporter can raise any machine's task score by
///   reporting successful jobs and can move any machine's mean latency with its samples; it cannot touch stake,
///   heartbeats or claims. What one reporter can do is bounded: one job weighs at most `MAX_JOB_WEIGHT` (half
///   the score's range) and one reporter adds at most `MAX_REPORTER_WEIGHT_PER_EPOCH` of successful weight to
///   one machine in one epoch, so no single reporter key can max a machine's score out. Selection by uptime
///   and stake does not depend on reporters at all.
///
/// Time is split into epochs of `epochLength` seconds, each of `epochLength / heartbeatInterval` slots; a machine
/// counts one heartbeat per slot. Uptime of an epoch is heartbeats over every slot of it since the machine first
/// registered (up to now for the running epoch): slots in which it was inactive count as down, so leaving and
/// coming back never erases downtime. Task scores and weights are 18-decimal fixed point (1e18 = 1).
contract MachineRegistry is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice May report latency samples and job results (gateways; see the contract's notes on trust).
    bytes32 public constant REPORTER_ROLE = keccak256("REPORTER_ROLE");
    /// @notice Σ(weight × success) that maxes the task score out (10, 18 decimals).
    uint256 public constant TASK_WEIGHT_NORM = 10e18;
    /// @notice Largest weight of one job (5, 18 decimals): one report moves the score by at most 0.5.
    uint256 public constant MAX_JOB_WEIGHT = 5e18;
    /// @notice Most successful weight one reporter adds to one machine in one epoch (5, 18 decimals): maxing a
    /// machine's score out takes at least two reporters.
    uint256 public constant MAX_REPORTER_WEIGHT_PER_EPOCH = 5e18;
    /// @notice Task score with no successful job, and the cap (1 and 2, 18 decimals).
    uint256 public constant BASE_TASK_SCORE = 1e18;
    uint256 public constant MAX_TASK_SCORE = 2e18;
    /// @notice Uptime unit: 10,000 = 100%.
    uint256 public constant BPS = 10_000;
    /// @notice Latency samples above a minute are rejected as reporting errors.
    uint256 public constant MAX_LATENCY_MS = 60_000;
    uint8 public constant MAX_TIER = 3;
    uint256 public constant MAX_ENDPOINT_LENGTH = 256;
    uint256 public constant MAX_REGION_LENGTH = 32;

    IERC20 public immutable token;
    /// @notice Timestamp of slot 0 of epoch 0.
    uint64 public immutable genesis;
    uint64 public immutable epochLength;
    uint64 public immutable heartbeatInterval;
    /// @notice Seconds between an unstake request and the withdrawal it allows.
    uint64 public immutable unbondingPeriod;
    /// @notice Least active stake a machine needs (a Sybil cost per identity).
    uint256 public immutable minStake;

    Machine[] internal _machines;
    /// @notice Machine id + 1 of each operator (0: none); one machine per operator key.
    mapping(address operator => uint256 idPlusOne) internal _machineOf;
    mapping(uint256 machineId => mapping(uint64 epoch => EpochStats)) internal _stats;
    /// @notice Jobs by machine and the id the machine gave them (one id space per machine).
    mapping(uint256 machineId => mapping(bytes32 jobId => Job)) public jobs;
    /// @notice Successful job weight each reporter added to each machine in the epoch it was last used, packed as
    /// `epoch << 128 | weight` so the slot is reused from epoch to epoch (read it with `reportedWeight`).
    mapping(address reporter => mapping(uint256 machineId => uint256 epochAndWeight)) internal _reporterUsage;

    error InvalidParameter(string name);
    error EndpointLength(uint256 length, uint256 max);
    error RegionLength(uint256 length, uint256 max);
    error InvalidTier(uint8 tier, uint8 max);
    error StakeBelowMinimum(uint256 stake, uint256 minimum);
    error OperatorHasMachine(address operator, uint256 machineId);
    error NoMachineForOperator(address operator);
    error UnknownMachine(uint256 machineId);
    error NotMachineOperator(uint256 machineId, address caller);
    error MachineInactive(uint256 machineId);
    error HeartbeatAlreadySent(uint256 machineId, uint64 slot);
    error ZeroAmount();
    error UnstakeExceedsStake(uint256 requested, uint256 stake);
    error NothingToWithdraw(uint256 machineId);
    error StillUnbonding(uint256 machineId, uint64 unlockAt);
    error InvalidJobWeight(uint256 weight, uint256 max);
    error InvalidLatency(uint256 latencyMs, uint256 max);
    error InvalidJobId();
    error JobAlreadyReported(uint256 machineId, bytes32 jobId);
    error JobAlreadyClaimed(uint256 machineId, bytes32 jobId);
    /// @notice `reporter` would bring its successful weight on `machineId` in `epoch` to `total`, above `cap`.
    error ReporterCapExceeded(address reporter, uint256 machineId, uint64 epoch, uint256 total, uint256 cap);

    event MachineRegistered(
        uint256 indexed machineId,
        address indexed operator,
        string endpoint,
        string region,
        uint8 tier,
        uint256 stake
    );
    event MachineUpdated(uint256 indexed machineId, string endpoint, string region, uint8 tier);
    event StakeAdded(uint256 indexed machineId, uint256 amount, uint256 stake);
    event UnstakeRequested(uint256 indexed machineId, uint256 amount, uint256 stake, uint64 unlockAt);
    event StakeWithdrawn(uint256 indexed machineId, address indexed operator, uint256 amount);
    event MachineActivated(uint256 indexed machineId);
    event MachineDeactivated(uint256 indexed machineId);
    event Heartbeat(uint256 indexed machineId, uint64 indexed epoch, uint64 slot, uint32 heartbeats);
    event LatencyReported(uint256 indexed machineId, uint64 indexed epoch, uint256 latencyMs, address reporter);
    event JobClaimed(uint256 indexed machineId, bytes32 indexed jobId, uint64 indexed epoch, uint256 weight);
    event JobReported(
        uint256 indexed machineId,
        bytes32 indexed jobId,
        uint64 indexed epoch,
        uint256 weight,
        bool success,
        uint256 latencyMs,
        address reporter,
        uint256 taskScore
    );

    /// @param token_ the stake token (ArenaToken)
    /// @param admin holds DEFAULT_ADMIN_ROLE and grants REPORTER_ROLE
    /// @param epochLength_ seconds per epoch
    /// @param heartbeatInterval_ seconds per slot; must divide `epochLength_`
    /// @param unbondingPeriod_ seconds an unstake waits before withdrawal
    /// @param minStake_ least active stake per machine
    constructor(
        IERC20 token_,
        address admin,
        uint64 epochLength_,
        uint64 heartbeatInterval_,
        uint64 unbondingPeriod_,
        uint256 minStake_
    ) {
        if (address(token_) == address(0)) revert InvalidParameter("token");
        if (admin == address(0)) revert InvalidParameter("admin");
        if (heartbeatInterval_ == 0 || epochLength_ == 0 || epochLength_ % heartbeatInterval_ != 0) {
            revert InvalidParameter("epochLength");
        }
        if (minStake_ == 0) revert InvalidParameter("minStake");
        token = token_;
        genesis = uint64(block.timestamp);
        epochLength = epochLength_;
        heartbeatInterval = heartbeatInterval_;
        unbondingPeriod = unbondingPeriod_;
        minStake = minStake_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ───────────────────────────── operators ─────────────────────────────

    /// @notice Registers the caller's machine with `stake` ARENA (approve first); counts as its first heartbeat.
    /// @return machineId the new machine's id (0-based)
    function register(
        string calldata endpoint,
        string calldata region,
        uint8 tier,
        uint256 stake
    ) external nonReentrant returns (uint256 machineId) {
        uint256 existing = _machineOf[msg.sender];
        if (existing != 0) revert OperatorHasMachine(msg.sender, existing - 1);
        _checkProfile(endpoint, region, tier);
        if (stake < minStake) revert StakeBelowMinimum(stake, minStake);

        uint64 slot = currentSlot();
        machineId = _machines.length;
        Machine storage m = _machines.push();
        m.operator = msg.sender;
        m.tier = tier;
        m.active = true;
        m.registeredSlot = slot;
        m.lastHeartbeatSlot = slot;
        m.stake = uint128(stake);
        m.endpoint = endpoint;
        m.region = region;
        _machineOf[msg.sender] = machineId + 1;
        uint64 epoch = slot / slotsPerEpoch();
        uint32 beats = ++_stats[machineId][epoch].heartbeats;

        emit MachineRegistered(machineId, msg.sender, endpoint, region, tier, stake);
        emit Heartbeat(machineId, epoch, slot, beats);
        token.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @notice Changes the endpoint, region or tier of the caller's machine (e.g. a restarted agent's new port).
    function updateMachine(uint256 machineId, string calldata endpoint, string calldata region, uint8 tier) external {
        Machine storage m = _operated(machineId);
        _checkProfile(endpoint, region, tier);
        m.endpoint = endpoint;
        m.region = region;
        m.tier = tier;
        emit MachineUpdated(machineId, endpoint, region, tier);
    }

    /// @notice Adds stake; a machine that had left becomes active again once its stake reaches `minStake`.
    /// Its uptime keeps counting the slots it was away as down.
    function addStake(uint256 machineId, uint256 amount) external nonReentrant {
        Machine storage m = _operated(machineId);
        if (amount == 0) revert ZeroAmount();
        uint256 stake = m.stake + amount;
        if (stake < minStake) revert StakeBelowMinimum(stake, minStake);
        m.stake = uint128(stake);
        emit StakeAdded(machineId, amount, stake);
        if (!m.active) {
            // `registeredSlot` stays: the slots it was away count as down in its uptime.
            m.active = true;
            emit MachineActivated(machineId);
        }
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Moves `amount` of active stake into unbonding (withdrawable after `unbondingPeriod`). What stays
    /// must be zero (the machine leaves) or at least `minStake`. A new request restarts the unbonding clock.
    function requestUnstake(uint256 machineId, uint256 amount) external {
        Machine storage m = _operated(machineId);
        if (amount == 0) revert ZeroAmount();
        uint256 stake = m.stake;
        if (amount > stake) revert UnstakeExceedsStake(amount, stake);
        uint256 remaining = stake - amount;
        if (remaining != 0 && remaining < minStake) revert StakeBelowMinimum(remaining, minStake);
        uint64 unlockAt = uint64(block.timestamp) + unbondingPeriod;
        m.stake = uint128(remaining);
        m.unbonding += uint128(amount);
        m.unlockAt = unlockAt;
        emit UnstakeRequested(machineId, amount, remaining, unlockAt);
        if (remaining == 0 && m.active) {
            m.active = false;
            emit MachineDeactivated(machineId);
        }
    }

    /// @notice Sends the operator its unbonded stake once the unbonding period is over.
    function withdraw(uint256 machineId) external nonReentrant {
        Machine storage m = _operated(machineId);
        uint256 amount = m.unbonding;
        if (amount == 0) revert NothingToWithdraw(machineId);
        if (block.timestamp < m.unlockAt) revert StillUnbonding(machineId, m.unlockAt);
        m.unbonding = 0;
        emit StakeWithdrawn(machineId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Proves the machine is alive in the current slot; at most one per slot.
    function heartbeat(uint256 machineId) external {
        Machine storage m = _operated(machineId);
        if (!m.active) revert MachineInactive(machineId);
        uint64 slot = currentSlot();
        if (m.lastHeartbeatSlot == slot) revert HeartbeatAlreadySent(machineId, slot);
        m.lastHeartbeatSlot = slot;
        uint64 epoch = slot / slotsPerEpoch();
        uint32 beats = ++_stats[machineId][epoch].heartbeats;
        emit Heartbeat(machineId, epoch, slot, beats);
    }

    /// @notice The machine records a job it served (`jobId` is the id it returned to the caller), in its own
    /// id space: only its operator claims there. Claims never raise the task score: only a reporter's
    /// confirmation does (see the contract's notes).
    function claimJob(uint256 machineId, bytes32 jobId, uint256 weight) external {
        _operated(machineId);
        Job storage job = _job(machineId, jobId, weight);
        if (job.claimed) revert JobAlreadyClaimed(machineId, jobId);
        job.claimed = true;
        uint64 epoch = currentEpoch();
        ++_stats[machineId][epoch].claimedJobs;
        emit JobClaimed(machineId, jobId, epoch, weight);
    }

    // ───────────────────────────── reporters ─────────────────────────────

    /// @notice A reporter's latency probe of a machine (e.g. a health check it timed).
    function reportLatency(uint256 machineId, uint256 latencyMs) external onlyRole(REPORTER_ROLE) {
        _known(machineId);
        uint64 epoch = currentEpoch();
        _addLatency(machineId, epoch, latencyMs);
    }

    /// @notice A reporter's result of a job it dispatched to `machineId`: `weight` (18 decimals, ≤ MAX_JOB_WEIGHT),
    /// success, and the latency it measured. Counts in the current epoch's task score when successful, up to
    /// MAX_REPORTER_WEIGHT_PER_EPOCH per reporter and machine.
    function reportJob(
        uint256 machineId,
        bytes32 jobId,
        uint256 weight,
        bool success,
        uint256 latencyMs
    ) external onlyRole(REPORTER_ROLE) {
        _known(machineId);
        Job storage job = _job(machineId, jobId, weight);
        if (job.reported) revert JobAlreadyReported(machineId, jobId);
        uint64 epoch = currentEpoch();
        if (success) {
            uint256 total = reportedWeight(msg.sender, machineId, epoch) + weight;
            if (total > MAX_REPORTER_WEIGHT_PER_EPOCH) {
                revert ReporterCapExceeded(msg.sender, machineId, epoch, total, MAX_REPORTER_WEIGHT_PER_EPOCH);
            }
            // total ≤ MAX_REPORTER_WEIGHT_PER_EPOCH < 2^128.
            _reporterUsage[msg.sender][machineId] = (uint256(epoch) << 128) | total;
        }
        _addLatency(machineId, epoch, latencyMs);
        job.reported = true;
        job.success = success;
        job.weight = uint128(weight);
        job.epoch = epoch;
        EpochStats storage s = _stats[machineId][epoch];
        ++s.jobs;
        if (success) {
            ++s.successfulJobs;
            s.successWeight += weight;
        }
        emit JobReported(machineId, jobId, epoch, weight, success, latencyMs, msg.sender, taskScoreOf(s.successWeight));
    }

    // ───────────────────────────── views ─────────────────────────────

    function slotsPerEpoch() public view returns (uint64) {
        return epochLength / heartbeatInterval;
    }

    function currentSlot() public view returns (uint64) {
        return (uint64(block.timestamp) - genesis) / heartbeatInterval;
    }

    function currentEpoch() public view returns (uint64) {
        return (uint64(block.timestamp) - genesis) / epochLength;
    }

    function machineCount() external view returns (uint256) {
        return _machines.length;
    }

    function getMachine(uint256 machineId) external view returns (Machine memory) {
        return _known(machineId);
    }

    /// @notice Up to `limit` machines from id `offset`.
    function getMachines(uint256 offset, uint256 limit) external view returns (Machine[] memory list) {
        uint256 end = Math.min(_machines.length, offset + limit);
        if (offset >= end) return list;
        list = new Machine[](end - offset);
        for (uint256 i = offset; i < end; ++i) list[i - offset] = _machines[i];
    }

    /// @notice The machine id of `operator`; reverts when it has none.
    function machineOf(address operator) external view returns (uint256) {
        uint256 idPlusOne = _machineOf[operator];
        if (idPlusOne == 0) revert NoMachineForOperator(operator);
        return idPlusOne - 1;
    }

    function epochStats(uint256 machineId, uint64 epoch) external view returns (EpochStats memory) {
        _known(machineId);
        return _stats[machineId][epoch];
    }

    /// @notice Successful job weight `reporter` added to `machineId` in `epoch` (at most
    /// MAX_REPORTER_WEIGHT_PER_EPOCH); exact for the epoch it last reported in and the running one.
    function reportedWeight(address reporter, uint256 machineId, uint64 epoch) public view returns (uint256) {
        uint256 usage = _reporterUsage[reporter][machineId];
        return usage >> 128 == epoch ? uint128(usage) : 0;
    }

    /// @notice `1 + min(1, successWeight / TASK_WEIGHT_NORM)`, 18 decimals.
    function taskScoreOf(uint256 successWeight) public pure returns (uint256) {
        return BASE_TASK_SCORE + Math.min(BASE_TASK_SCORE, Math.mulDiv(successWeight, 1e18, TASK_WEIGHT_NORM));
    }

    /// @notice AI_TASK_SCORE of a machine in an epoch (18 decimals, 1e18 … 2e18).
    function taskScore(uint256 machineId, uint64 epoch) external view returns (uint256) {
        _known(machineId);
        return taskScoreOf(_stats[machineId][epoch].successWeight);
    }

    /// @notice Heartbeat slots over every slot of `epoch` since the machine first registered (up to now), in bps;
    /// slots it spent inactive count as down. 0 for epochs before it registered or not yet begun.
    function uptimeBps(uint256 machineId, uint64 epoch) public view returns (uint256) {
        Machine storage m = _known(machineId);
        uint64 perEpoch = slotsPerEpoch();
        uint64 nowSlot = currentSlot();
        uint64 first = epoch * perEpoch;
        if (first < m.registeredSlot) first = m.registeredSlot;
        uint64 last = (epoch + 1) * perEpoch - 1;
        if (last > nowSlot) last = nowSlot;
        if (last < first) return 0;
        uint256 owed = uint256(last - first) + 1;
        uint256 beats = Math.min(_stats[machineId][epoch].heartbeats, owed);
        return (beats * BPS) / owed;
    }

    /// @notice Mean reported latency in `epoch` (ms), and how many samples it averages (0: no data).
    function averageLatencyMs(uint256 machineId, uint64 epoch) public view returns (uint256 mean, uint256 samples) {
        _known(machineId);
        EpochStats storage s = _stats[machineId][epoch];
        samples = s.latencyReports;
        mean = samples == 0 ? 0 : s.latencySumMs / samples;
    }

    /// @notice Per-epoch uptime (bps), task score (18 decimals) and mean latency (ms) for epochs [from, to].
    function history(
        uint256 machineId,
        uint64 from,
        uint64 to
    ) external view returns (uint256[] memory uptime, uint256[] memory scores, uint256[] memory latencyMs) {
        _known(machineId);
        if (to < from) revert InvalidParameter("range");
        uint256 n = uint256(to - from) + 1;
        uptime = new uint256[](n);
        scores = new uint256[](n);
        latencyMs = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint64 epoch = from + uint64(i);
            uptime[i] = uptimeBps(machineId, epoch);
            scores[i] = taskScoreOf(_stats[machineId][epoch].successWeight);
            (latencyMs[i], ) = averageLatencyMs(machineId, epoch);
        }
    }

    // ───────────────────────────── internals ─────────────────────────────

    function _known(uint256 machineId) internal view returns (Machine storage) {
        if (machineId >= _machines.length) revert UnknownMachine(machineId);
        return _machines[machineId];
    }

    function _operated(uint256 machineId) internal view returns (Machine storage m) {
        m = _known(machineId);
        if (m.operator != msg.sender) revert NotMachineOperator(machineId, msg.sender);
    }

    function _checkProfile(string calldata endpoint, string calldata region, uint8 tier) internal pure {
        uint256 length = bytes(endpoint).length;
        if (length == 0 || length > MAX_ENDPOINT_LENGTH) revert EndpointLength(length, MAX_ENDPOINT_LENGTH);
        length = bytes(region).length;
        if (length > MAX_REGION_LENGTH) revert RegionLength(length, MAX_REGION_LENGTH);
        if (tier > MAX_TIER) revert InvalidTier(tier, MAX_TIER);
    }

    /// @dev The job record for `jobId` in `machineId`'s own id space.
    function _job(uint256 machineId, bytes32 jobId, uint256 weight) internal view returns (Job storage job) {
        if (jobId == bytes32(0)) revert InvalidJobId();
        if (weight == 0 || weight > MAX_JOB_WEIGHT) revert InvalidJobWeight(weight, MAX_JOB_WEIGHT);
        job = jobs[machineId][jobId];
    }

    function _addLatency(uint256 machineId, uint64 epoch, uint256 latencyMs) internal {
        if (latencyMs > MAX_LATENCY_MS) revert InvalidLatency(latencyMs, MAX_LATENCY_MS);
        EpochStats storage s = _stats[machineId][epoch];
        ++s.latencyReports;
        s.latencySumMs += uint64(latencyMs);
        emit LatencyReported(machineId, epoch, latencyMs, msg.sender);
    }
}
