// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SSTORE2} from "solady/src/utils/SSTORE2.sol";
import {IArenaTargets} from "./IArenaTargets.sol";
import {TargetMath} from "./TargetMath.sol";

/// @title ArenaTargets
/// @notice Data submission to targets in embedding space (docs/ARCHITECTURE.md §4): models register with a position,
/// each epoch opens targets around a generator centre, the first submission whose embedding lands within a
/// target's threshold fills it (with a bond), validators audit it in the next epoch, and afterwards the reward is
/// split between the drawn auditor who confirmed it, the submitter and the winning model's owner.
/// @dev Security model (SECURITY.md, "Targets market"):
/// - Epoch seeds are drawn in two steps: anyone fixes the next block once the epoch has started
///   (`requestSeed`), anyone reads its hash once it exists (`openEpoch`); if 256 blocks pass unread the hash is
///   gone and a fresh block may be fixed. The seed governs the epoch's target positions and the auditors of the
///   previous epoch's fills, all of which were filled before the epoch started, so nobody knows the seed when
///   the last action it governs is taken, and the reader cannot retry it. While a draw is pending, the model set,
///   the generator and the pool cannot change (`SeedDrawPending`). The producer of the seed block stays
///   trusted (it can choose or withhold its block; on Base that is the sequencer).
/// - Submissions are committed first (`commit`, a hash bound to the submitter) and revealed in a later block
///   (`submit`), so a copy of a pending reveal needs a commitment from an earlier block, made before the copier
///   could see the data.
/// - Each fill takes at least `minBond`, one address fills at most `maxFillsPerSubmitter` targets per epoch, and a
///   fill does not spawn a target in its epoch: every epoch opens at most `targetsPerEpoch`, so the pool cannot be
///   reserved faster than `targetsPerEpoch × rewardPerTarget` per epoch.
/// - The audit of a fill is fixed when it is filled: its window is the next epoch and its validators are those
///   that joined before the fill's epoch and are bonded through the audit epoch (`canAudit`; leaving takes two
///   epochs). Validator slots never move, so `auditorOf` does not change when others leave. Any of them may open
///   or join a report in the window, whatever the model set or the seed; reports holding 2/3 of their stake
///   forfeit the bond and the audit fee to the reporters.
/// - The owner (fixed at deployment) only sets the generator; it cannot move funds or change any rule.
/// Positions, the generator centre and submitted embeddings are packed big-endian int32 (micro units).
/// Positions and the centre live in SSTORE2 pointers so that assignment reads them for the price of a copy.
contract ArenaTargets is IArenaTargets, ReentrancyGuard {
    using SafeERC20 for IERC20;

    uint256 internal constant MICRO = 1e6;
    uint256 internal constant MAX_MODELS_PER_TARGET = 4;
    /// @dev Opening an epoch assigns every target against every active model: 100 targets × 6 models stays
    /// near 13M gas, well under the 16,777,216 per-transaction cap.
    uint256 internal constant MAX_ACTIVE_MODELS = 6;
    uint256 internal constant MAX_TARGETS_PER_EPOCH = 100;
    uint256 internal constant MAX_VALIDATORS = 64;
    /// @notice The largest loss a submission may claim, in micro bits per byte (1,000 bits per byte).
    uint256 public constant MAX_LOSS = 1e9;
    /// @notice Share of a target's reward (basis points) paid for its audit: to the drawn auditor that confirmed
    /// it, or to the reporters when the fill is found fraudulent; back to the pool when nobody confirmed.
    uint256 public constant AUDIT_FEE_BPS = 1000;
    /// @dev `blockhash` reaches back 256 blocks.
    uint256 internal constant BLOCKHASH_WINDOW = 256;

    IERC20 public immutable token;
    uint256 public immutable genesis;
    /// @notice Sets the generator; fixed at deployment. It holds no power over funds.
    address public immutable owner;
    /// @notice The least bond a submission takes, whatever its declared size: a quarter of a target's reward.
    uint256 public immutable minBond;
    /// @notice How many targets one address may fill in one epoch.
    uint256 public immutable maxFillsPerSubmitter;
    Config internal _config;

    /// @notice Unreserved reward tokens; each opened target reserves `rewardPerTarget` from it.
    uint256 public pool;
    uint256 public reservedRewards;
    uint256 public bondsHeld;
    uint256 public modelStakeTotal;
    uint256 public validatorStakeTotal;

    address public generatorCenter;
    uint32 public generatorSpread;
    uint256 public emaFillRate;
    uint256 internal lastOpenedEpoch;
    bool internal anyEpochOpened;

    uint256 public modelCount;
    uint256 public targetCount;
    uint16[] internal _activeModels;
    mapping(uint256 modelId => Model) internal _models;
    mapping(uint256 modelId => ModelStats) public modelStats;
    mapping(bytes32 artifactHash => uint256 modelId) internal modelByHash;
    mapping(address submitter => SubmitterStats) public submitterStats;

    mapping(uint256 epoch => Epoch) public epochs;
    /// @notice The block whose hash becomes the epoch's seed (0 while none was fixed).
    mapping(uint256 epoch => uint256 blockNumber) public seedBlock;
    mapping(uint256 targetId => Target) public targets;
    mapping(uint256 targetId => Submission) public submissions;
    mapping(uint256 targetId => address[]) internal _reporters;
    mapping(uint256 targetId => mapping(address validator => bool)) public hasReported;
    /// @notice The block in which a submission commitment was made (0: none, or already revealed).
    mapping(bytes32 commitment => uint256 blockNumber) public commitments;
    /// @notice Targets filled by an address in an epoch.
    mapping(uint256 epoch => mapping(address submitter => uint256)) public fillsBy;

    /// @dev Validator slots: a leaving validator's slot is cleared (never moved into), and a joining one takes the
    /// first free slot, so the order of the validators that can audit a fill never changes.
    address[] internal _validatorList;
    uint256 internal validatorCount;
    mapping(address validator => Validator) public validators;

    /// @dev The models a target is assigned to, for assignment: ids, stakes, positions and their squared norms.
    struct Candidates {
        uint256[] ids;
        uint256[] stakes;
        int256[][] positions;
        uint256[] norms;
    }

    constructor(IERC20 token_, address owner_, Config memory config_) {
        if (address(token_) == address(0)) revert ZeroParameter("token");
        if (owner_ == address(0)) revert ZeroParameter("owner");
        if (config_.epochLength == 0) revert ZeroParameter("epochLength");
        if (config_.dimension == 0) revert ZeroParameter("dimension");
        if (config_.rewardPerTarget == 0) revert ZeroParameter("rewardPerTarget");
        if (config_.maxDataSize == 0) revert ZeroParameter("maxDataSize");
        if (config_.minModelStake == 0) revert ZeroParameter("minModelStake");
        if (config_.minValidatorStake == 0) revert ZeroParameter("minValidatorStake");
        _checkRange("targetsPerEpoch", config_.targetsPerEpoch, 1, MAX_TARGETS_PER_EPOCH);
        _checkRange("modelsPerTarget", config_.modelsPerTarget, 1, MAX_MODELS_PER_TARGET);
        _checkRange("maxActiveModels", config_.maxActiveModels, config_.modelsPerTarget, MAX_ACTIVE_MODELS);
        _checkRange("maxValidators", config_.maxValidators, 1, MAX_VALIDATORS);
        _checkRange("minThreshold", config_.minThreshold, 1, config_.maxThreshold);
        _checkRange("maxThreshold", config_.maxThreshold, config_.minThreshold, 2 * MICRO);
        _checkRange("initialThreshold", config_.initialThreshold, config_.minThreshold, config_.maxThreshold);
        _checkRange("targetFillRate", config_.targetFillRate, 1, MICRO);
        _checkRange("emaAlpha", config_.emaAlpha, 1, MICRO);
        token = token_;
        genesis = block.timestamp;
        _config = config_;
        emaFillRate = config_.targetFillRate;
        generatorSpread = uint32(MICRO);
        owner = owner_;
        minBond = config_.rewardPerTarget / 4;
        maxFillsPerSubmitter = config_.targetsPerEpoch < 2 ? 1 : 2;
    }

    // ------------------------------------------------------------------ views

    /// @notice The market parameters.
    function config() external view returns (Config memory) {
        return _config;
    }

    /// @notice The epoch now: whole epoch lengths since deployment.
    function currentEpoch() public view returns (uint256) {
        return (block.timestamp - genesis) / _config.epochLength;
    }

    /// @notice A registered model (position as packed int32).
    function getModel(uint256 modelId) external view returns (Model memory model, bytes memory position) {
        model = _model(modelId);
        position = SSTORE2.read(model.position);
    }

    /// @notice Ids of the models that take part in assignment.
    function activeModels() external view returns (uint16[] memory) {
        return _activeModels;
    }

    /// @notice A target's embedding, regenerated from its epoch's seed and generator.
    function targetEmbedding(uint256 targetId) public view returns (int256[] memory) {
        Target storage t = _target(targetId);
        Epoch storage e = epochs[t.epoch];
        return
            TargetMath.generate(
                targetSeed(e.seed, targetId),
                TargetMath.unpack(_read(e.center), _config.dimension),
                e.spread
            );
    }

    /// @dev The seed of one target: keccak256(epochSeed, targetId).
    function targetSeed(bytes32 epochSeed, uint256 targetId) internal pure returns (bytes32) {
        return keccak256(abi.encode(epochSeed, targetId));
    }

    /// @notice Validator slots in order (zero: a free slot).
    function validatorList() external view returns (address[] memory) {
        return _validatorList;
    }

    /// @notice Whether `account` audits the fills of `fillEpoch` (in epoch fillEpoch + 1): it joined before
    /// `fillEpoch` and stays bonded through the audit epoch. Fixed once `fillEpoch` has started.
    function canAudit(address account, uint256 fillEpoch) public view returns (bool) {
        Validator storage v = validators[account];
        return v.exists && v.joinedEpoch < fillEpoch && (v.exitEpoch == 0 || v.exitEpoch > fillEpoch + 1);
    }

    /// @notice Total stake of the validators that audit the fills of `fillEpoch` (fixed once it started).
    function auditStake(uint256 fillEpoch) public view returns (uint256 total) {
        for (uint256 i; i < _validatorList.length; ++i) {
            address v = _validatorList[i];
            if (canAudit(v, fillEpoch)) total += validators[v].stake;
        }
    }

    /// @notice The validator drawn (stake-weighted, over `canAudit`) to audit a filled target with the seed of
    /// its audit epoch; zero until that seed is drawn, or when no validator can audit it.
    function auditorOf(uint256 targetId) public view returns (address) {
        Submission storage s = submissions[targetId];
        if (s.submitter == address(0)) return address(0);
        uint256 fillEpoch = s.fillEpoch;
        Epoch storage e = epochs[fillEpoch + 1];
        uint256 total = auditStake(fillEpoch);
        if (!e.opened || total == 0) return address(0);
        uint256 draw = uint256(keccak256(abi.encode(e.seed, targetId))) % total;
        for (uint256 i; i < _validatorList.length; ++i) {
            address candidate = _validatorList[i];
            if (!canAudit(candidate, fillEpoch)) continue;
            uint256 stake = validators[candidate].stake;
            if (draw < stake) return candidate;
            draw -= stake;
        }
        return address(0);
    }

    // ------------------------------------------------------------------ governance and funding

    /// @notice Sets the generator (centre as packed int32, or empty for the origin) for epochs opened from now on.
    function setGenerator(bytes calldata center, uint32 spread) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _requireNoPendingDraw();
        if (center.length != 0 && center.length != uint256(_config.dimension) * 4) {
            revert TargetMath.WrongDimension(center.length / 4, _config.dimension);
        }
        if (spread > 1e9) revert ParameterOutOfRange("spread", spread);
        if (center.length == 0 && spread == 0) revert ZeroParameter("spread");
        address pointer = center.length == 0 ? address(0) : SSTORE2.write(center);
        generatorCenter = pointer;
        generatorSpread = spread;
        emit GeneratorSet(_config.dimension, spread, pointer);
    }

    /// @notice Adds reward tokens to the pool.
    function fundPool(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroParameter("amount");
        _requireNoPendingDraw();
        pool += amount;
        emit PoolFunded(msg.sender, amount, pool);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    // ------------------------------------------------------------------ models

    /// @notice Registers a model: artifact URI + sha256, a stake, and its position (packed int32 × dimension).
    function registerModel(
        string calldata artifactUri,
        bytes32 artifactHash,
        bytes calldata position,
        uint96 stake
    ) external nonReentrant returns (uint256 modelId) {
        Config storage c = _config;
        _requireNoPendingDraw();
        if (bytes(artifactUri).length == 0) revert EmptyArtifactUri();
        if (stake < c.minModelStake) revert StakeTooLow(stake, c.minModelStake);
        uint256 existing = modelByHash[artifactHash];
        if (existing != 0) revert DuplicateModel(artifactHash, existing);
        if (_activeModels.length >= c.maxActiveModels) revert TooManyActiveModels(c.maxActiveModels);
        uint256 norm = TargetMath.normSquared(TargetMath.unpack(position, c.dimension));
        if (norm == 0) revert TargetMath.ZeroVector();
        if (modelCount >= type(uint16).max) revert ParameterOutOfRange("modelCount", modelCount);

        modelId = ++modelCount;
        _models[modelId] = Model({
            owner: msg.sender,
            active: true,
            position: SSTORE2.write(position),
            stake: stake,
            positionNormSquared: norm,
            artifactHash: artifactHash,
            artifactUri: artifactUri
        });
        modelByHash[artifactHash] = modelId;
        _activeModels.push(uint16(modelId));
        modelStakeTotal += stake;
        emit ModelRegistered(modelId, msg.sender, artifactHash, artifactUri, stake, position);
        token.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @notice Takes a model out of assignment and returns its stake; targets it already won still pay its owner.
    function retireModel(uint256 modelId) external nonReentrant {
        Model storage m = _models[modelId];
        if (m.owner == address(0)) revert UnknownModel(modelId);
        if (m.owner != msg.sender) revert NotModelOwner(modelId, msg.sender);
        if (!m.active) revert ModelNotActive(modelId);
        _requireNoPendingDraw();
        uint256 stake = m.stake;
        m.active = false;
        m.stake = 0;
        modelStakeTotal -= stake;
        uint256 n = _activeModels.length;
        for (uint256 i; i < n; ++i) {
            if (_activeModels[i] == modelId) {
                _activeModels[i] = _activeModels[n - 1];
                _activeModels.pop();
                break;
            }
        }
        emit ModelRetired(modelId, msg.sender, stake);
        token.safeTransfer(msg.sender, stake);
    }

    // ------------------------------------------------------------------ epochs and targets

    /// @notice Step 1 of the seed draw: fixes the next block, whose hash will be the current epoch's seed.
    /// Callable by anyone once the epoch has started; again only if 256 blocks passed and the hash is gone.
    /// @return blockNumber The seed block; `openEpoch` reads its hash once it exists.
    function requestSeed() external returns (uint256 blockNumber) {
        uint256 epoch = currentEpoch();
        if (epochs[epoch].opened) revert EpochAlreadyOpen(epoch);
        uint256 pending = seedBlock[epoch];
        if (pending != 0 && block.number <= pending + BLOCKHASH_WINDOW) revert SeedAlreadyRequested(epoch, pending);
        blockNumber = block.number + 1;
        seedBlock[epoch] = blockNumber;
        emit SeedRequested(epoch, blockNumber, msg.sender);
    }

    /// @notice Step 2 of the seed draw, then opens the epoch: reads the seed block's hash (it must exist and still
    /// be readable), adjusts the threshold from the last epoch's fills and opens up to `targetsPerEpoch` targets
    /// (as many as the pool can reward; none while no model is active, which blocks no audit). Anyone, once.
    /// @dev The seed is keccak256(blockhash(seedBlock), epoch, this): nobody knew it when the request was made and
    /// nobody can change it now. Only the producer of the seed block could have chosen it.
    function openEpoch() external returns (uint256 opened) {
        uint256 epoch = currentEpoch();
        if (epochs[epoch].opened) revert EpochAlreadyOpen(epoch);
        uint256 sb = seedBlock[epoch];
        if (sb == 0) revert SeedNotRequested(epoch);
        if (block.number <= sb) revert SeedNotReady(epoch, sb);
        bytes32 hash = blockhash(sb);
        if (hash == 0) revert SeedExpired(epoch, sb);
        Config storage c = _config;

        uint256 threshold = c.initialThreshold;
        if (anyEpochOpened) {
            Epoch storage last = epochs[lastOpenedEpoch];
            emaFillRate = TargetMath.nextEma(emaFillRate, last.fills, last.targets, c.emaAlpha);
            threshold = TargetMath.nextThreshold(
                last.threshold,
                emaFillRate,
                c.targetFillRate,
                c.minThreshold,
                c.maxThreshold
            );
        }
        bytes32 seed = keccak256(abi.encode(hash, epoch, address(this)));
        epochs[epoch] = Epoch({
            seed: seed,
            center: generatorCenter,
            spread: generatorSpread,
            threshold: uint32(threshold),
            targets: 0,
            fills: 0,
            opened: true
        });
        lastOpenedEpoch = epoch;
        anyEpochOpened = true;

        uint256 affordable = pool / c.rewardPerTarget;
        opened = affordable < c.targetsPerEpoch ? affordable : c.targetsPerEpoch;
        if (_activeModels.length == 0) opened = 0;
        if (opened > 0) {
            Candidates memory cands = _candidates(c.dimension);
            int256[] memory center = TargetMath.unpack(_read(generatorCenter), c.dimension);
            uint256 spread = generatorSpread;
            for (uint256 i; i < opened; ++i) _openTarget(epoch, seed, center, spread, threshold, cands);
        }
        emit EpochOpened(epoch, seed, threshold, opened, emaFillRate);
    }

    /// @notice Step 1 of a submission: commits to it without showing it. The commitment is
    /// keccak256(abi.encodePacked(submitter, abi.encode(params, salt))), the submitter followed by the arguments
    /// of the `submit` call that will reveal it, in a later block; a copier cannot reuse it (it names the submitter).
    function commit(uint256 targetId, bytes32 commitment) external {
        uint256 epoch = _requireOpenNow(targetId);
        uint256 cap = maxFillsPerSubmitter;
        if (fillsBy[epoch][msg.sender] >= cap) revert FillCapReached(msg.sender, epoch, cap);
        if (commitments[commitment] != 0) revert AlreadyCommitted(commitment);
        commitments[commitment] = block.number;
        emit SubmissionCommitted(targetId, msg.sender, commitment);
    }

    /// @notice Step 2: reveals a committed submission to an open target. The commitment must be from an earlier
    /// block. The contract recomputes the cosine distance from `embedding` (packed int32, micro units) and accepts
    /// it only when it equals `distance` and is within the threshold. The first valid submission fills the
    /// target and takes a bond of max(`bondPerByte × dataSize`, `minBond`); one address fills at most
    /// `maxFillsPerSubmitter` targets per epoch. The fill's audit is fixed now: epoch fillEpoch + 1, by the
    /// validators `canAudit(·, fillEpoch)`.
    function submit(SubmitParams calldata p, bytes32 salt) external nonReentrant {
        Config storage c = _config;
        uint256 epoch = _requireOpenNow(p.targetId);
        // The arguments as sent, abi.encode(p, salt) (salt is read there); a non-canonical encoding only fails.
        salt;
        bytes32 commitment = keccak256(abi.encodePacked(msg.sender, msg.data[4:]));
        uint256 committedAt = commitments[commitment];
        if (committedAt == 0) revert NoCommitment(p.targetId, msg.sender);
        if (committedAt >= block.number) revert CommitTooRecent(p.targetId, committedAt);
        delete commitments[commitment];
        uint256 fills = fillsBy[epoch][msg.sender] + 1;
        if (fills > maxFillsPerSubmitter) revert FillCapReached(msg.sender, epoch, maxFillsPerSubmitter);
        fillsBy[epoch][msg.sender] = fills;
        if (bytes(p.dataUri).length == 0) revert EmptyDataUri();
        if (p.dataSize == 0 || p.dataSize > c.maxDataSize) revert DataSizeOutOfRange(p.dataSize, c.maxDataSize);
        if (p.loss > MAX_LOSS) revert LossOutOfRange(p.loss, MAX_LOSS);

        Target storage t = targets[p.targetId];
        Epoch storage e = epochs[epoch];
        if (!_isAssigned(t.models, p.modelId)) revert ModelNotAssigned(p.targetId, p.modelId);
        int256[] memory center = TargetMath.unpack(_read(e.center), c.dimension);
        int256[] memory vector = TargetMath.generate(targetSeed(e.seed, p.targetId), center, e.spread);
        uint256 computed = TargetMath.cosineDistance(TargetMath.unpack(p.embedding, c.dimension), vector);
        if (p.distance != computed) revert DistanceMismatch(p.distance, computed);
        if (computed > t.threshold) revert OutsideThreshold(computed, t.threshold);

        uint256 bond = TargetMath.bondFor(p.dataSize, c.bondPerByte, minBond);
        t.status = TargetStatus.Filled;
        e.fills += 1;
        _recordSubmission(p, epoch, bond);
        token.safeTransferFrom(msg.sender, address(this), bond);
    }

    function _requireOpenNow(uint256 targetId) internal view returns (uint256 epoch) {
        Target storage t = _target(targetId);
        if (t.status != TargetStatus.Open) revert TargetNotOpen(targetId, t.status);
        epoch = currentEpoch();
        if (t.epoch != epoch) revert TargetEpochOver(targetId, t.epoch, epoch);
    }

    function _packAssignment(uint16[] memory chosen) internal returns (uint64 packed) {
        for (uint256 i; i < chosen.length; ++i) {
            packed |= uint64(uint256(chosen[i]) << (16 * i));
            modelStats[chosen[i]].assigned += 1;
        }
    }

    function _recordSubmission(SubmitParams calldata p, uint256 epoch, uint256 bond) internal {
        submissions[p.targetId] = Submission({
            submitter: msg.sender,
            modelId: p.modelId,
            fillEpoch: uint32(epoch),
            dataSize: p.dataSize,
            bond: uint128(bond),
            loss: p.loss,
            distance: p.distance,
            dataHash: p.dataHash,
            auditor: address(0),
            confirmed: false,
            reportStake: 0
        });
        bondsHeld += bond;
        ModelStats storage ms = modelStats[p.modelId];
        ms.wins += 1;
        ms.lossSum += p.loss;
        ms.distanceSum += p.distance;
        SubmitterStats storage ss = submitterStats[msg.sender];
        ss.filled += 1;
        ss.bytesSubmitted += p.dataSize;
        emit Submitted(p.targetId, msg.sender, p.modelId, p.dataHash, p.dataUri, p.dataSize, p.loss, p.distance, bond);
    }

    /// @notice Returns the reward of a target that ended unfilled to the pool.
    function expire(uint256 targetId) external {
        Target storage t = _target(targetId);
        if (t.status != TargetStatus.Open) revert TargetNotOpen(targetId, t.status);
        if (t.epoch >= currentEpoch()) revert TargetEpochNotOver(targetId, t.epoch);
        t.status = TargetStatus.Expired;
        reservedRewards -= t.reward;
        pool += t.reward;
        emit TargetExpired(targetId, t.reward);
    }

    // ------------------------------------------------------------------ audits

    /// @notice The drawn auditor confirms a filled submission after re-scoring it (and checking the fetched
    /// data's sha256 and byte length against the submission). It earns `AUDIT_FEE_BPS` of the reward at the
    /// claim, unless other validators still find the fill fraudulent in the window.
    function confirm(uint256 targetId) external {
        Submission storage s = _auditable(targetId);
        address auditor = auditorOf(targetId);
        if (auditor == address(0)) revert NoAuditorYet(targetId, uint256(s.fillEpoch) + 1);
        if (msg.sender != auditor) revert NotAuditor(targetId, msg.sender, auditor);
        if (s.confirmed) revert AuditAlreadyConfirmed(targetId);
        if (hasReported[targetId][msg.sender]) revert AlreadyReported(targetId, msg.sender);
        s.auditor = auditor;
        s.confirmed = true;
        emit AuditConfirmed(targetId, auditor);
    }

    /// @notice Reports a filled submission as fraudulent (wrong loss, distance or winner, or data whose sha256 or
    /// size differs from what was declared). Any validator that `canAudit` the fill may open or join a report
    /// during the audit epoch, whether or not its seed was drawn. Reports holding ≥ 2/3 of that stake forfeit the
    /// bond and the audit fee to the reporters (pro rata to stake) and return the rest of the reward to the pool.
    function report(uint256 targetId) external nonReentrant {
        Submission storage s = _auditable(targetId);
        uint256 fillEpoch = s.fillEpoch;
        if (!canAudit(msg.sender, fillEpoch)) revert NotEligibleValidator(msg.sender, fillEpoch + 1);
        if (hasReported[targetId][msg.sender]) revert AlreadyReported(targetId, msg.sender);
        if (s.confirmed && s.auditor == msg.sender) revert AuditAlreadyConfirmed(targetId);

        uint256 stake = validators[msg.sender].stake;
        hasReported[targetId][msg.sender] = true;
        _reporters[targetId].push(msg.sender);
        s.reportStake += uint128(stake);
        emit Reported(targetId, msg.sender, stake, s.reportStake);

        if (uint256(s.reportStake) * 3 >= auditStake(fillEpoch) * 2) _forfeit(targetId, s);
    }

    // ------------------------------------------------------------------ claims

    /// @notice After the audit epoch, pays the reward and returns the bond: `AUDIT_FEE_BPS` to the auditor that
    /// confirmed (back to the pool if none did), the rest 50% to the submitter and 50% to the model owner.
    function claim(uint256 targetId) external nonReentrant {
        Target storage t = _target(targetId);
        if (t.status != TargetStatus.Filled) revert TargetNotFilled(targetId, t.status);
        Submission storage s = submissions[targetId];
        uint256 claimableFrom = uint256(s.fillEpoch) + 2;
        if (currentEpoch() < claimableFrom) revert ClaimTooEarly(targetId, claimableFrom);

        uint256 reward = t.reward;
        (uint256 toAuditor, uint256 toSubmitter, uint256 toModel, uint256 toPool) = TargetMath.splitReward(
            reward,
            AUDIT_FEE_BPS,
            s.confirmed
        );
        uint256 bond = s.bond;
        address modelOwner = _models[s.modelId].owner;
        t.status = TargetStatus.Claimed;
        reservedRewards -= reward;
        pool += toPool;
        bondsHeld -= bond;
        modelStats[s.modelId].rewards += uint128(toModel);
        submitterStats[s.submitter].rewards += uint128(toSubmitter);
        emit Claimed(targetId, s.submitter, modelOwner, toSubmitter, toModel, bond, s.auditor, toAuditor);

        token.safeTransfer(s.submitter, toSubmitter + bond);
        token.safeTransfer(modelOwner, toModel);
        if (toAuditor > 0) token.safeTransfer(s.auditor, toAuditor);
    }

    // ------------------------------------------------------------------ validators

    /// @notice Joins as a validator with `stake`, taking the first free slot; it audits the fills of the epochs
    /// after this one.
    function joinValidators(uint128 stake) external nonReentrant {
        Config storage c = _config;
        if (validators[msg.sender].exists) revert AlreadyValidator(msg.sender);
        if (stake < c.minValidatorStake) revert StakeTooLow(stake, c.minValidatorStake);
        if (validatorCount >= c.maxValidators) revert TooManyValidators(c.maxValidators);
        uint256 epoch = currentEpoch();
        validators[msg.sender] = Validator({stake: stake, joinedEpoch: uint32(epoch), exitEpoch: 0, exists: true});
        uint256 n = _validatorList.length;
        uint256 slot;
        while (slot < n && _validatorList[slot] != address(0)) ++slot;
        if (slot == n) _validatorList.push(msg.sender);
        else _validatorList[slot] = msg.sender;
        ++validatorCount;
        validatorStakeTotal += stake;
        emit ValidatorJoined(msg.sender, stake, epoch + 1);
        token.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @notice Starts leaving: it still audits this epoch's fills (in the next epoch), none after; its stake is
    /// withdrawable once that audit epoch is over (exit epoch = now + 2, withdrawable from now + 3).
    function exitValidators() external {
        Validator storage v = validators[msg.sender];
        if (!v.exists) revert NotValidator(msg.sender);
        if (v.exitEpoch != 0) revert AlreadyExiting(msg.sender, v.exitEpoch);
        v.exitEpoch = uint32(currentEpoch() + 2);
        emit ValidatorExiting(msg.sender, v.exitEpoch);
    }

    /// @notice Withdraws the stake of a validator that has left and served its audit epochs; its slot is freed
    /// without moving any other validator.
    function withdrawValidatorStake() external nonReentrant {
        Validator memory v = validators[msg.sender];
        if (!v.exists) revert NotValidator(msg.sender);
        if (v.exitEpoch == 0) revert NotExiting(msg.sender);
        uint256 from = uint256(v.exitEpoch) + 1;
        if (currentEpoch() < from) revert StillBonded(msg.sender, from);
        delete validators[msg.sender];
        uint256 n = _validatorList.length;
        for (uint256 i; i < n; ++i) {
            if (_validatorList[i] == msg.sender) {
                _validatorList[i] = address(0);
                break;
            }
        }
        --validatorCount;
        validatorStakeTotal -= v.stake;
        emit ValidatorWithdrawn(msg.sender, v.stake);
        token.safeTransfer(msg.sender, v.stake);
    }

    // ------------------------------------------------------------------ internals

    function _checkRange(string memory name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfRange(name, value);
    }

    /// @dev Once the seed block is fixed its hash may be public before anyone reads it, so nothing that decides
    /// what the seed opens (the model set and positions, the generator, the pool) may change until it is read (or
    /// its hash is gone).
    function _requireNoPendingDraw() internal view {
        uint256 epoch = currentEpoch();
        uint256 sb = seedBlock[epoch];
        if (sb != 0 && !epochs[epoch].opened && block.number <= sb + BLOCKHASH_WINDOW) {
            revert SeedDrawPending(epoch, sb);
        }
    }

    function _read(address pointer) internal view returns (bytes memory) {
        return pointer == address(0) ? new bytes(0) : SSTORE2.read(pointer);
    }

    function _model(uint256 modelId) internal view returns (Model storage m) {
        m = _models[modelId];
        if (m.owner == address(0)) revert UnknownModel(modelId);
    }

    function _target(uint256 targetId) internal view returns (Target storage t) {
        t = targets[targetId];
        if (t.status == TargetStatus.None) revert UnknownTarget(targetId);
    }

    function _isAssigned(uint64 packed, uint256 modelId) internal pure returns (bool) {
        if (modelId == 0) return false;
        for (uint256 i; i < MAX_MODELS_PER_TARGET; ++i) {
            if ((packed >> (16 * i)) & 0xffff == modelId) return true;
        }
        return false;
    }

    /// @dev The active models with their stakes, positions and squared norms, read once per transaction.
    function _candidates(uint256 dim) internal view returns (Candidates memory cands) {
        uint256 n = _activeModels.length;
        cands.ids = new uint256[](n);
        cands.stakes = new uint256[](n);
        cands.positions = new int256[][](n);
        cands.norms = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 id = _activeModels[i];
            Model storage m = _models[id];
            cands.ids[i] = id;
            cands.stakes[i] = m.stake;
            cands.positions[i] = TargetMath.unpack(SSTORE2.read(m.position), dim);
            cands.norms[i] = m.positionNormSquared;
        }
    }

    /// @dev Creates one target: reserves its reward and assigns the `modelsPerTarget` best-ranked models.
    function _openTarget(
        uint256 epoch,
        bytes32 epochSeed,
        int256[] memory center,
        uint256 spread,
        uint256 threshold,
        Candidates memory cands
    ) internal {
        uint256 targetId = ++targetCount;
        int256[] memory vector = TargetMath.generate(targetSeed(epochSeed, targetId), center, spread);
        uint16[] memory chosen = _assign(vector, cands, _config.modelsPerTarget);
        uint96 reward = _config.rewardPerTarget;
        targets[targetId] = Target({
            reward: reward,
            epoch: uint32(epoch),
            threshold: uint32(threshold),
            status: TargetStatus.Open,
            models: _packAssignment(chosen)
        });
        pool -= reward;
        reservedRewards += reward;
        epochs[epoch].targets += 1;
        emit TargetOpened(targetId, epoch, reward, threshold, chosen);
    }

    /// @dev Stake-weighted nearest models: the k lowest cosdist(model, target) / stakeShare, by insertion.
    function _assign(
        int256[] memory vector,
        Candidates memory cands,
        uint256 k
    ) internal pure returns (uint16[] memory chosen) {
        uint256 n = cands.ids.length;
        if (k > n) k = n;
        uint256 norm = TargetMath.normSquared(vector);
        uint256[] memory bestIndex = new uint256[](k);
        uint256[] memory bestDistance = new uint256[](k);
        uint256 filled;
        for (uint256 i; i < n; ++i) {
            uint256 d = TargetMath.cosineDistance(cands.positions[i], vector, cands.norms[i], norm);
            uint256 pos = filled;
            while (pos > 0) {
                uint256 j = bestIndex[pos - 1];
                if (!_ranksBefore(cands, i, d, j, bestDistance[pos - 1])) break;
                if (pos < k) {
                    bestIndex[pos] = j;
                    bestDistance[pos] = bestDistance[pos - 1];
                }
                --pos;
            }
            if (pos < k) {
                bestIndex[pos] = i;
                bestDistance[pos] = d;
                if (filled < k) ++filled;
            }
        }
        chosen = new uint16[](k);
        for (uint256 i; i < k; ++i) chosen[i] = uint16(cands.ids[bestIndex[i]]);
    }

    function _ranksBefore(
        Candidates memory cands,
        uint256 a,
        uint256 distanceA,
        uint256 b,
        uint256 distanceB
    ) internal pure returns (bool) {
        return
            TargetMath.ranksBefore(distanceA, cands.stakes[a], cands.ids[a], distanceB, cands.stakes[b], cands.ids[b]);
    }

    /// @dev A filled, unforfeited target whose audit epoch (fillEpoch + 1, fixed when it was filled) is now.
    function _auditable(uint256 targetId) internal view returns (Submission storage s) {
        Target storage t = _target(targetId);
        if (t.status != TargetStatus.Filled) revert TargetNotFilled(targetId, t.status);
        s = submissions[targetId];
        uint256 auditEpoch = uint256(s.fillEpoch) + 1;
        uint256 epoch = currentEpoch();
        if (epoch != auditEpoch) revert NotAuditEpoch(targetId, auditEpoch, epoch);
    }

    /// @dev Reports reached 2/3 of the fill's audit stake: the bond and the audit fee go to the reporters (pro rata
    /// to stake, the rounding to the one that opened the report), the rest of the reward back to the pool.
    function _forfeit(uint256 targetId, Submission storage s) internal {
        Target storage t = targets[targetId];
        uint256 reward = t.reward;
        uint256 fee = (reward * AUDIT_FEE_BPS) / 10_000;
        uint256 bond = s.bond;
        t.status = TargetStatus.Fraudulent;
        reservedRewards -= reward;
        pool += reward - fee;
        bondsHeld -= bond;
        ModelStats storage ms = modelStats[s.modelId];
        ms.wins -= 1;
        ms.lossSum -= s.loss;
        ms.distanceSum -= s.distance;
        SubmitterStats storage ss = submitterStats[s.submitter];
        ss.filled -= 1;
        ss.bytesSubmitted -= s.dataSize;
        emit SubmissionFraudulent(targetId, bond, reward - fee);

        address[] storage list = _reporters[targetId];
        uint256 total = s.reportStake;
        uint256 payout = bond + fee;
        uint256 paid;
        uint256[] memory shares = new uint256[](list.length);
        for (uint256 i = 1; i < list.length; ++i) {
            shares[i] = (payout * validators[list[i]].stake) / total;
            paid += shares[i];
        }
        shares[0] = payout - paid;
        for (uint256 i; i < list.length; ++i) {
            if (shares[i] > 0) token.safeTransfer(list[i], shares[i]);
        }
    }
}
