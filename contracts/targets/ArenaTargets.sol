// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SSTORE2} from "solady/src/utils/SSTORE2.sol";
import {IArenaTargets} from "./IArenaTargets.sol";
import {TargetMath} from "./TargetMath.sol";

/// @title ArenaTargets
/// @notice Data submission to targets in embedding space (ARCHITECTURE §4): models register with a position,
/// each epoch opens targets around a generator centre, the first submission whose embedding lands within a
/// target's threshold fills it (with a bond), a sortition-chosen validator audits it in the next epoch, and
/// afterwards the reward is split between the submitter and the winning model's owner.
/// @dev Positions, the generator centre and submitted embeddings are packed big-endian int32 (micro units).
/// Positions and the centre live in SSTORE2 pointers so that assignment reads them for the price of a copy.
contract ArenaTargets is IArenaTargets, Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    uint256 internal constant MICRO = 1e6;
    uint256 internal constant MAX_MODELS_PER_TARGET = 4;
    /// @dev Opening an epoch assigns every target against every active model: 100 targets × 6 models stays
    /// near 13M gas, well under the 16,777,216 per-transaction cap.
    uint256 internal constant MAX_ACTIVE_MODELS = 6;
    uint256 internal constant MAX_TARGETS_PER_EPOCH = 100;
    uint256 internal constant MAX_VALIDATORS = 64;

    IERC20 public immutable token;
    uint256 public immutable genesis;
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
    uint256 public lastOpenedEpoch;
    bool public anyEpochOpened;

    uint256 public modelCount;
    uint256 public targetCount;
    uint16[] internal _activeModels;
    mapping(uint256 modelId => Model) internal _models;
    mapping(uint256 modelId => ModelStats) public modelStats;
    mapping(bytes32 artifactHash => uint256 modelId) public modelByHash;
    mapping(address submitter => SubmitterStats) public submitterStats;

    mapping(uint256 epoch => Epoch) public epochs;
    mapping(uint256 targetId => Target) public targets;
    mapping(uint256 targetId => Submission) public submissions;
    mapping(uint256 targetId => address[]) internal _reporters;
    mapping(uint256 targetId => mapping(address validator => bool)) public hasReported;

    address[] internal _validatorList;
    mapping(address validator => Validator) public validators;

    /// @dev The models a target is assigned to, for assignment: ids, stakes, positions and their squared norms.
    struct Candidates {
        uint256[] ids;
        uint256[] stakes;
        int256[][] positions;
        uint256[] norms;
    }

    constructor(IERC20 token_, address owner_, Config memory config_) Ownable(owner_) {
        if (address(token_) == address(0)) revert ZeroParameter("token");
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

    /// @notice The models assigned to a target, best first. A target spawned by a submission is assigned by
    /// its first `submit`; until then this returns the assignment it would get now.
    function targetModels(uint256 targetId) public view returns (uint16[] memory ids) {
        Target storage t = _target(targetId);
        if (t.models == 0)
            return _assign(targetEmbedding(targetId), _candidates(_config.dimension), _config.modelsPerTarget);
        uint64 packed = t.models;
        uint256 n;
        while (n < MAX_MODELS_PER_TARGET && (packed >> (16 * n)) & 0xffff != 0) ++n;
        ids = new uint16[](n);
        for (uint256 i; i < n; ++i) ids[i] = uint16(packed >> (16 * i));
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

    /// @notice The seed of one target: keccak256(epochSeed, targetId).
    function targetSeed(bytes32 epochSeed, uint256 targetId) public pure returns (bytes32) {
        return keccak256(abi.encode(epochSeed, targetId));
    }

    /// @notice Validators, in joining order.
    function validatorList() external view returns (address[] memory) {
        return _validatorList;
    }

    /// @notice Validators that reported a submission.
    function reporters(uint256 targetId) external view returns (address[] memory) {
        return _reporters[targetId];
    }

    /// @notice Whether `account` may audit in `epoch`: joined before it and not gone by then.
    function isEligible(address account, uint256 epoch) public view returns (bool) {
        Validator storage v = validators[account];
        return v.exists && v.joinedEpoch < epoch && (v.exitEpoch == 0 || v.exitEpoch > epoch);
    }

    /// @notice Total stake of the validators eligible in `epoch` (fixed during that epoch).
    function eligibleStake(uint256 epoch) public view returns (uint256 total) {
        for (uint256 i; i < _validatorList.length; ++i) {
            if (isEligible(_validatorList[i], epoch)) total += validators[_validatorList[i]].stake;
        }
    }

    /// @notice The validator drawn (stake-weighted) to audit a filled target, or zero when there is none yet.
    function auditorOf(uint256 targetId) public view returns (address) {
        Submission storage s = submissions[targetId];
        if (s.submitter == address(0)) return address(0);
        uint256 auditEpoch = uint256(s.fillEpoch) + 1;
        Epoch storage e = epochs[auditEpoch];
        if (!e.opened) return address(0);
        uint256 total = eligibleStake(auditEpoch);
        if (total == 0) return address(0);
        uint256 draw = uint256(keccak256(abi.encode(e.seed, targetId))) % total;
        for (uint256 i; i < _validatorList.length; ++i) {
            address candidate = _validatorList[i];
            if (!isEligible(candidate, auditEpoch)) continue;
            uint256 stake = validators[candidate].stake;
            if (draw < stake) return candidate;
            draw -= stake;
        }
        return address(0);
    }

    // ------------------------------------------------------------------ governance and funding

    /// @notice Sets the generator (centre as packed int32, or empty for the origin) for epochs opened from now on.
    function setGenerator(bytes calldata center, uint32 spread) external onlyOwner {
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
        Config memory c = _config;
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

    /// @notice Opens the current epoch: adjusts the threshold from the last epoch's fills, draws the epoch seed
    /// and opens up to `targetsPerEpoch` targets (as many as the pool can reward). Callable by anyone, once.
    function openEpoch() external nonReentrant returns (uint256 opened) {
        uint256 epoch = currentEpoch();
        if (epochs[epoch].opened) revert EpochAlreadyOpen(epoch);
        if (_activeModels.length == 0) revert NoActiveModels();
        Config memory c = _config;

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
        bytes32 seed = keccak256(abi.encode(block.prevrandao, epoch, address(this)));
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
        if (opened > 0) {
            Candidates memory cands = _candidates(c.dimension);
            int256[] memory center = TargetMath.unpack(_read(generatorCenter), c.dimension);
            for (uint256 i; i < opened; ++i) _openTarget(epoch, seed, center, generatorSpread, threshold, c, cands);
        }
        emit EpochOpened(epoch, seed, threshold, opened, emaFillRate);
    }

    /// @notice Submits data to an open target. The contract recomputes the cosine distance from `embedding`
    /// (packed int32, micro units) and accepts it only when it equals `distance` and is within the threshold.
    /// The first valid submission fills the target, takes a bond of `bondPerByte × dataSize` and spawns a new
    /// target in the same epoch.
    function submit(SubmitParams calldata p) external nonReentrant {
        Config memory c = _config;
        Target storage t = _target(p.targetId);
        if (t.status != TargetStatus.Open) revert TargetNotOpen(p.targetId, t.status);
        uint256 epoch = currentEpoch();
        if (t.epoch != epoch) revert TargetEpochOver(p.targetId, t.epoch, epoch);
        if (bytes(p.dataUri).length == 0) revert EmptyDataUri();
        if (p.dataSize == 0 || p.dataSize > c.maxDataSize) revert DataSizeOutOfRange(p.dataSize, c.maxDataSize);

        Epoch storage e = epochs[epoch];
        int256[] memory center = TargetMath.unpack(_read(e.center), c.dimension);
        int256[] memory vector = TargetMath.generate(targetSeed(e.seed, p.targetId), center, e.spread);
        uint64 models = t.models;
        if (models == 0) models = _storeAssignment(p.targetId, t, vector, c);
        if (!_isAssigned(models, p.modelId)) revert ModelNotAssigned(p.targetId, p.modelId);
        uint256 computed = TargetMath.cosineDistance(TargetMath.unpack(p.embedding, c.dimension), vector);
        if (p.distance != computed) revert DistanceMismatch(p.distance, computed);
        if (computed > t.threshold) revert OutsideThreshold(computed, t.threshold);

        uint256 bond = uint256(c.bondPerByte) * p.dataSize;
        t.status = TargetStatus.Filled;
        e.fills += 1;
        _recordSubmission(p, epoch, bond);

        if (pool >= c.rewardPerTarget && _activeModels.length > 0)
            _createTarget(epoch, e.threshold, c, new uint16[](0));
        token.safeTransferFrom(msg.sender, address(this), bond);
    }

    function _storeAssignment(
        uint256 targetId,
        Target storage t,
        int256[] memory vector,
        Config memory c
    ) internal returns (uint64 packed) {
        if (_activeModels.length == 0) revert NoActiveModels();
        uint16[] memory chosen = _assign(vector, _candidates(c.dimension), c.modelsPerTarget);
        packed = _packAssignment(chosen);
        t.models = packed;
        emit TargetAssigned(targetId, chosen);
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

    /// @notice The drawn auditor confirms a filled submission after re-scoring it (no report can follow).
    function confirm(uint256 targetId) external {
        Submission storage s = _auditable(targetId);
        address auditor = _requireAuditor(targetId, s);
        if (s.reportStake != 0) revert AlreadyReported(targetId, auditor);
        s.auditor = auditor;
        s.confirmed = true;
        emit AuditConfirmed(targetId, auditor);
    }

    /// @notice Reports a filled submission as fraudulent. The drawn auditor opens the report; other eligible
    /// validators join it. Reports holding ≥ 2/3 of the eligible stake forfeit the bond to the reporters (pro
    /// rata to stake) and return the reward to the pool.
    function report(uint256 targetId) external nonReentrant {
        Submission storage s = _auditable(targetId);
        uint256 auditEpoch = uint256(s.fillEpoch) + 1;
        if (!isEligible(msg.sender, auditEpoch)) revert NotEligibleValidator(msg.sender, auditEpoch);
        if (hasReported[targetId][msg.sender]) revert AlreadyReported(targetId, msg.sender);
        if (s.reportStake == 0) s.auditor = _requireAuditor(targetId, s);

        uint256 stake = validators[msg.sender].stake;
        hasReported[targetId][msg.sender] = true;
        _reporters[targetId].push(msg.sender);
        s.reportStake += uint128(stake);
        emit Reported(targetId, msg.sender, stake, s.reportStake);

        if (uint256(s.reportStake) * 3 >= eligibleStake(auditEpoch) * 2) _forfeit(targetId, s);
    }

    // ------------------------------------------------------------------ claims

    /// @notice After the audit epoch, pays the reward (50% submitter, 50% model owner) and returns the bond.
    function claim(uint256 targetId) external nonReentrant {
        Target storage t = _target(targetId);
        if (t.status != TargetStatus.Filled) revert TargetNotFilled(targetId, t.status);
        Submission storage s = submissions[targetId];
        uint256 claimableFrom = uint256(s.fillEpoch) + 2;
        if (currentEpoch() < claimableFrom) revert ClaimTooEarly(targetId, claimableFrom);

        uint256 reward = t.reward;
        uint256 toSubmitter = reward / 2;
        uint256 toModel = reward - toSubmitter;
        uint256 bond = s.bond;
        address modelOwner = _models[s.modelId].owner;
        t.status = TargetStatus.Claimed;
        reservedRewards -= reward;
        bondsHeld -= bond;
        modelStats[s.modelId].rewards += uint128(toModel);
        submitterStats[s.submitter].rewards += uint128(toSubmitter);
        emit Claimed(targetId, s.submitter, modelOwner, toSubmitter, toModel, bond);

        token.safeTransfer(s.submitter, toSubmitter + bond);
        token.safeTransfer(modelOwner, toModel);
    }

    // ------------------------------------------------------------------ validators

    /// @notice Joins as a validator with `stake`; it counts for audits from the next epoch.
    function joinValidators(uint128 stake) external nonReentrant {
        Config memory c = _config;
        if (validators[msg.sender].exists) revert AlreadyValidator(msg.sender);
        if (stake < c.minValidatorStake) revert StakeTooLow(stake, c.minValidatorStake);
        if (_validatorList.length >= c.maxValidators) revert TooManyValidators(c.maxValidators);
        uint256 epoch = currentEpoch();
        validators[msg.sender] = Validator({stake: stake, joinedEpoch: uint32(epoch), exitEpoch: 0, exists: true});
        _validatorList.push(msg.sender);
        validatorStakeTotal += stake;
        emit ValidatorJoined(msg.sender, stake, epoch + 1);
        token.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @notice Starts leaving: still eligible this epoch, not from the next; withdrawable one epoch later.
    function exitValidators() external {
        Validator storage v = validators[msg.sender];
        if (!v.exists) revert NotValidator(msg.sender);
        if (v.exitEpoch != 0) revert AlreadyExiting(msg.sender, v.exitEpoch);
        v.exitEpoch = uint32(currentEpoch() + 1);
        emit ValidatorExiting(msg.sender, v.exitEpoch);
    }

    /// @notice Withdraws the stake of a validator that has left and served its unbonding epoch.
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
                _validatorList[i] = _validatorList[n - 1];
                _validatorList.pop();
                break;
            }
        }
        validatorStakeTotal -= v.stake;
        emit ValidatorWithdrawn(msg.sender, v.stake);
        token.safeTransfer(msg.sender, v.stake);
    }

    // ------------------------------------------------------------------ internals

    function _checkRange(string memory name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfRange(name, value);
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
        Config memory c,
        Candidates memory cands
    ) internal returns (uint256 targetId) {
        int256[] memory vector = TargetMath.generate(targetSeed(epochSeed, targetCount + 1), center, spread);
        targetId = _createTarget(epoch, threshold, c, _assign(vector, cands, c.modelsPerTarget));
    }

    /// @dev Stores a target, reserves its reward and records its assignment. A replacement for a filled target
    /// is created with no models and assigned on its first submission, so that `submit` does not pay for
    /// ranking every active model against a target nobody may use.
    function _createTarget(
        uint256 epoch,
        uint256 threshold,
        Config memory c,
        uint16[] memory chosen
    ) internal returns (uint256 targetId) {
        targetId = ++targetCount;
        targets[targetId] = Target({
            reward: c.rewardPerTarget,
            epoch: uint32(epoch),
            threshold: uint32(threshold),
            status: TargetStatus.Open,
            models: _packAssignment(chosen)
        });
        pool -= c.rewardPerTarget;
        reservedRewards += c.rewardPerTarget;
        epochs[epoch].targets += 1;
        emit TargetOpened(targetId, epoch, c.rewardPerTarget, threshold, chosen);
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

    function _auditable(uint256 targetId) internal view returns (Submission storage s) {
        Target storage t = _target(targetId);
        if (t.status != TargetStatus.Filled) revert TargetNotFilled(targetId, t.status);
        s = submissions[targetId];
        uint256 auditEpoch = uint256(s.fillEpoch) + 1;
        uint256 epoch = currentEpoch();
        if (epoch != auditEpoch) revert NotAuditEpoch(targetId, auditEpoch, epoch);
        if (!epochs[auditEpoch].opened) revert EpochNotOpen(auditEpoch);
        if (s.confirmed) revert AuditAlreadyConfirmed(targetId);
    }

    function _requireAuditor(uint256 targetId, Submission storage s) internal view returns (address auditor) {
        auditor = s.auditor != address(0) ? s.auditor : auditorOf(targetId);
        if (msg.sender != auditor) revert NotAuditor(targetId, msg.sender, auditor);
    }

    /// @dev Reports reached 2/3 of the eligible stake: the bond goes to the reporters, the reward to the pool.
    function _forfeit(uint256 targetId, Submission storage s) internal {
        Target storage t = targets[targetId];
        uint256 reward = t.reward;
        uint256 bond = s.bond;
        t.status = TargetStatus.Fraudulent;
        reservedRewards -= reward;
        pool += reward;
        bondsHeld -= bond;
        ModelStats storage ms = modelStats[s.modelId];
        ms.wins -= 1;
        ms.lossSum -= s.loss;
        ms.distanceSum -= s.distance;
        SubmitterStats storage ss = submitterStats[s.submitter];
        ss.filled -= 1;
        ss.bytesSubmitted -= s.dataSize;
        emit SubmissionFraudulent(targetId, bond, reward);

        address[] storage list = _reporters[targetId];
        uint256 total = s.reportStake;
        uint256 paid;
        uint256[] memory shares = new uint256[](list.length);
        for (uint256 i = 1; i < list.length; ++i) {
            shares[i] = (bond * validators[list[i]].stake) / total;
            paid += shares[i];
        }
        shares[0] = bond - paid;
        for (uint256 i; i < list.length; ++i) {
            if (shares[i] > 0) token.safeTransfer(list[i], shares[i]);
        }
    }
}
