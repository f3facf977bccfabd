// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IArenaTargets
/// @notice Types, errors and events of the targets market (docs/ARCHITECTURE.md §4).
interface IArenaTargets {
    enum TargetStatus {
        None,
        Open,
        Filled,
        Fraudulent,
        Claimed,
        Expired
    }

    /// @notice Market parameters, fixed at deployment. Distances, thresholds and rates are in micro units (1e-6).
    struct Config {
        uint64 epochLength;
        uint16 dimension;
        uint16 targetsPerEpoch;
        uint8 modelsPerTarget;
        uint8 maxActiveModels;
        uint8 maxValidators;
        uint96 rewardPerTarget;
        uint96 bondPerByte;
        uint32 maxDataSize;
        uint96 minModelStake;
        uint96 minValidatorStake;
        uint32 initialThreshold;
        uint32 minThreshold;
        uint32 maxThreshold;
        uint32 targetFillRate;
        uint32 emaAlpha;
    }

    /// @notice One submission: data URI + sha256 + size, the winning model and its loss (micro BPB), the
    /// winning model's embedding of the data (packed int32, micro units) and its cosine distance to the target.
    struct SubmitParams {
        uint256 targetId;
        string dataUri;
        bytes32 dataHash;
        uint32 dataSize;
        uint16 modelId;
        uint64 loss;
        bytes embedding;
        uint64 distance;
    }

    struct Model {
        address owner;
        bool active;
        address position;
        uint96 stake;
        uint256 positionNormSquared;
        bytes32 artifactHash;
        string artifactUri;
    }

    /// @dev Sums are uint128: a loss is at most MAX_LOSS (1e9) and a distance at most 2e6, so 2^32 wins fit.
    struct ModelStats {
        uint32 assigned;
        uint32 wins;
        uint128 lossSum;
        uint128 distanceSum;
        uint128 rewards;
    }

    struct SubmitterStats {
        uint32 filled;
        uint64 bytesSubmitted;
        uint128 rewards;
    }

    struct Epoch {
        bytes32 seed;
        address center;
        uint32 spread;
        uint32 threshold;
        uint32 targets;
        uint32 fills;
        bool opened;
    }

    struct Target {
        uint96 reward;
        uint32 epoch;
        uint32 threshold;
        TargetStatus status;
        uint64 models;
    }

    struct Submission {
        address submitter;
        uint16 modelId;
        uint32 fillEpoch;
        uint32 dataSize;
        uint128 bond;
        uint64 loss;
        uint64 distance;
        bytes32 dataHash;
        address auditor;
        bool confirmed;
        uint128 reportStake;
    }

    struct Validator {
        uint128 stake;
        uint32 joinedEpoch;
        uint32 exitEpoch;
        bool exists;
    }

    error ZeroParameter(string name);
    error ParameterOutOfRange(string name, uint256 value);
    error StakeTooLow(uint256 stake, uint256 minimum);
    error DuplicateModel(bytes32 artifactHash, uint256 modelId);
    error EmptyArtifactUri();
    error TooManyActiveModels(uint256 max);
    error UnknownModel(uint256 modelId);
    error NotModelOwner(uint256 modelId, address caller);
    error ModelNotActive(uint256 modelId);
    error NoActiveModels();
    error EpochAlreadyOpen(uint256 epoch);
    error EpochNotOpen(uint256 epoch);
    error UnknownTarget(uint256 targetId);
    error TargetNotOpen(uint256 targetId, TargetStatus status);
    error TargetEpochOver(uint256 targetId, uint256 targetEpoch, uint256 currentEpoch);
    error TargetEpochNotOver(uint256 targetId, uint256 targetEpoch);
    error EmptyDataUri();
    error DataSizeOutOfRange(uint256 size, uint256 maxDataSize);
    error ModelNotAssigned(uint256 targetId, uint256 modelId);
    error DistanceMismatch(uint256 claimed, uint256 computed);
    error OutsideThreshold(uint256 distance, uint256 threshold);
    error TargetNotFilled(uint256 targetId, TargetStatus status);
    error NotAuditEpoch(uint256 targetId, uint256 auditEpoch, uint256 currentEpoch);
    error NotAuditor(uint256 targetId, address caller, address auditor);
    error NotEligibleValidator(address account, uint256 epoch);
    error AlreadyReported(uint256 targetId, address validator);
    error AuditAlreadyConfirmed(uint256 targetId);
    error ClaimTooEarly(uint256 targetId, uint256 claimableFromEpoch);
    error AlreadyValidator(address account);
    error NotValidator(address account);
    error TooManyValidators(uint256 max);
    error AlreadyExiting(address account, uint256 exitEpoch);
    error StillBonded(address account, uint256 withdrawableFromEpoch);
    error NotExiting(address account);
    error SeedNotRequested(uint256 epoch);
    error SeedAlreadyRequested(uint256 epoch, uint256 seedBlock);
    error SeedNotReady(uint256 epoch, uint256 seedBlock);
    error SeedExpired(uint256 epoch, uint256 seedBlock);
    error NoCommitment(uint256 targetId, address submitter);
    error CommitTooRecent(uint256 targetId, uint256 commitBlock);
    error AlreadyCommitted(bytes32 commitment);
    error FillCapReached(address submitter, uint256 epoch, uint256 maxFills);
    error LossOutOfRange(uint256 loss, uint256 maxLoss);
    error NoAuditorYet(uint256 targetId, uint256 auditEpoch);
    error NotOwner(address caller);
    error SeedDrawPending(uint256 epoch, uint256 seedBlock);

    event PoolFunded(address indexed from, uint256 amount, uint256 pool);
    event GeneratorSet(uint256 dimension, uint256 spread, address center);
    event ModelRegistered(
        uint256 indexed modelId,
        address indexed owner,
        bytes32 artifactHash,
        string artifactUri,
        uint256 stake,
        bytes position
    );
    event ModelRetired(uint256 indexed modelId, address indexed owner, uint256 stakeReturned);
    event EpochOpened(uint256 indexed epoch, bytes32 seed, uint256 threshold, uint256 targets, uint256 emaFillRate);
    event TargetOpened(
        uint256 indexed targetId,
        uint256 indexed epoch,
        uint256 reward,
        uint256 threshold,
        uint16[] models
    );
    event TargetAssigned(uint256 indexed targetId, uint16[] models);
    event Submitted(
        uint256 indexed targetId,
        address indexed submitter,
        uint256 indexed modelId,
        bytes32 dataHash,
        string dataUri,
        uint256 dataSize,
        uint256 loss,
        uint256 distance,
        uint256 bond
    );
    event SeedRequested(uint256 indexed epoch, uint256 seedBlock, address indexed requester);
    event SubmissionCommitted(uint256 indexed targetId, address indexed submitter, bytes32 commitment);
    event AuditConfirmed(uint256 indexed targetId, address indexed auditor);
    event Reported(uint256 indexed targetId, address indexed validator, uint256 stake, uint256 reportStake);
    event SubmissionFraudulent(uint256 indexed targetId, uint256 bondForfeited, uint256 rewardReturned);
    event Claimed(
        uint256 indexed targetId,
        address indexed submitter,
        address indexed modelOwner,
        uint256 submitterReward,
        uint256 modelReward,
        uint256 bondReturned,
        address auditor,
        uint256 auditorFee
    );
    event TargetExpired(uint256 indexed targetId, uint256 rewardReturned);
    event ValidatorJoined(address indexed validator, uint256 stake, uint256 eligibleFromEpoch);
    event ValidatorExiting(address indexed validator, uint256 exitEpoch);
    event ValidatorWithdrawn(address indexed validator, uint256 stake);
}
