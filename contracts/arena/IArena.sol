// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice How a task's metric orders submissions.
enum Metric {
    Loss, // bits per byte, lower is better
    Accuracy, // higher is better
    ReferenceSimilarity // higher is better
}

/// @notice The role an address holds in one task. An address is at most one of node or validator per task.
enum Role {
    None,
    Node,
    Validator
}

/// @notice Where a task is in its life.
enum Phase {
    Submission,
    FinalValidation,
    Challenge,
    Ended,
    Cancelled
}

/// @notice Everything a creator chooses for a task. Strings are emitted, not stored.
struct TaskParams {
    string title;
    string description;
    Metric metric;
    string baseModel;
    string dataURI;
    string evalSetURI;
    /// sha256 of the public evaluation set's bytes; every scorer checks the set it fetched against it
    bytes32 evalSetHash;
    /// keccak256(abi.encode(heldBackEvalSetURI, heldBackSha256, salt)), revealed in the final validation phase
    bytes32 finalEvalCommit;
    uint32 contextLength;
    uint64 maxParams;
    uint96 rewardPool;
    uint32 epochLength;
    uint32 commitWindow;
    uint32 revealWindow;
    uint16 submissionEpochs;
    uint16 finalEpochs;
    uint16 challengeEpochs;
    uint16 unbondingEpochs;
    uint96 minNodeStake;
    uint96 minValidatorStake;
    uint96 challengeBond;
    uint16 validatorsPerSubmission;
    uint16 maxAssignmentsPerEpoch;
    uint16 maxNodes;
    MechanismParams mechanism;
}

/// @notice The reward mechanism's parameters, all WAD fixed point except where noted.
struct MechanismParams {
    uint64 gamma; // node/validator split, [0, 1]
    uint64 q; // geometric ratio of rank weights, (0, 1)
    uint64 alphaT; // node stake exponent, [0, 1]
    uint128 lambdaV; // validator distance sensitivity per unit of the metric (score 1.0), [0, 1e30]
    uint64 alphaV; // validator stake exponent, [0, 1]
    uint64 beta; // sortition stake exponent, (0, 1]
}

/// @notice Numeric configuration of a task as stored (packed into four slots).
struct TaskConfig {
    uint32 epochLength;
    uint32 commitWindow;
    uint32 revealWindow;
    uint16 submissionEpochs;
    uint16 finalEpochs;
    uint16 challengeEpochs;
    uint16 unbondingEpochs;
    uint16 validatorsPerSubmission;
    uint16 maxAssignmentsPerEpoch;
    uint16 maxNodes;
    Metric metric;
    uint96 minNodeStake;
    uint96 minValidatorStake;
    uint96 challengeBond;
    MechanismParams mechanism;
}

/// @notice Mutable state of a task.
struct TaskState {
    address creator;
    uint40 start;
    bool cancelled;
    bool finalEvalRevealed;
    bool poolReclaimed;
    uint16 settledEpochs;
    uint96 pool;
    uint96 creatorStake;
    uint16 nodeCount;
    uint32 validatorCount;
    uint32 stakerCount;
    bytes32 finalEvalCommit;
}

/// @notice Settlement progress and results of one epoch.
struct EpochState {
    bytes32 seed;
    uint208 sumWeight; // Σ s_j^β of validators at the epoch, snapshotted with the seed
    uint8 stage;
    uint32 cursor;
    bool heldBackSet; // final-validation epoch scored on the revealed held-back set (else the public set)
    uint96 sumValidatorStake; // S
    uint96 sumNodeStake; // T
    uint96 rewardNodes; // R_n
    uint96 rewardValidators; // R_v
    uint96 paid;
    uint256 sumNodeWeight; // Σ g_k·t_k^α_t
}

/// @notice One participant of one task.
struct Participant {
    Role role;
    uint32 index;
    bool submitted;
    uint16 lastSubmitEpoch;
    uint40 lastRewardShareChange;
    bool forfeited; // an upheld challenge took this node's rewards (and its delegators')
    uint64 commitBlock; // the block of the commitment behind the latest submission
    bytes32 modelHash;
}

/// @notice A node's commitment to its next model, made in an earlier block than the submission (front-running).
struct ModelCommit {
    bytes32 commitment; // keccak256(abi.encode(taskId, node, uri, contentHash))
    uint64 blockNumber;
    uint32 epoch;
}

/// @notice Tokens waiting out their unbonding period.
/// `released` finished its unbonding before a later request started; it is never locked again.
struct Unbonding {
    uint96 amount;
    uint32 releaseEpoch;
    uint96 released;
}

/// @notice A delegator's position with one delegatee: the stake that counts now, the stake that counts from
/// `nextFrom`, and the accumulator value up to which rewards were credited.
/// For a training node, harvested rewards wait in `escrowed` until the node's rewards are released.
struct DelegationPosition {
    uint96 amount;
    uint96 nextAmount;
    uint32 nextFrom;
    uint256 accPaid;
    uint128 escrowed;
}

/// @notice A claim that a node's model was stolen.
struct Challenge {
    uint256 taskId;
    address node;
    address challenger;
    uint96 bond;
    uint32 openedEpoch;
    uint40 answerDeadline; // the node may answer until then
    uint40 voteDeadline; // validators may vote until then; resolvable afterwards (or unanswered at answerDeadline)
    bool answered;
    bool resolved;
    bool upheld;
    uint96 votesUphold;
    uint96 votesReject;
}

/// @notice Errors of the Arena protocol; each names the rule that failed and carries what a UI needs to say why.
interface IArenaErrors {
    error InvalidParameter(string name, uint256 value, uint256 min, uint256 max);
    error CreatorNotEligible(address creator, uint256 minCreatorStake);
    error CreatorStakeTooLow(uint256 amount, uint256 minCreatorStake);
    error TaskNotFound(uint256 taskId);
    error NotTaskCreator(uint256 taskId, address caller);
    error TaskHasStakers(uint256 taskId, uint256 stakerCount);
    error WrongPhase(uint256 taskId, Phase phase);
    error RoleConflict(uint256 taskId, address account, Role existing);
    error WrongRole(uint256 taskId, address account, Role required);
    error ZeroAmount();
    error BelowMinStake(uint256 amount, uint256 minStake);
    error InsufficientStake(uint256 requested, uint256 available);
    error TooManyNodes(uint256 taskId, uint256 maxNodes);
    error UnbondingNotOver(uint256 releaseEpoch, uint256 currentEpoch);
    error NothingToWithdraw();
    error SelfDelegation();
    error TooManyDelegations(uint256 taskId, uint256 max);
    error RewardShareTooHigh(uint256 rewardShare);
    error RewardShareChangeTooSoon(uint256 nextAllowedAt);
    error NotInWindow(uint256 epoch, uint256 opensAt, uint256 closesAt);
    error StakeNotActive(uint256 epoch, uint256 stake, uint256 minStake);
    error DuplicateModelHash(bytes32 contentHash, address usedBy);
    error FinalEvalNotRevealed(uint256 taskId);
    error FinalEvalMismatch(bytes32 expected, bytes32 actual);
    error NoCommitment(uint256 epoch, address validator);
    error AlreadyRevealed(uint256 epoch, address validator);
    error RevealMismatch(bytes32 committed, bytes32 revealed);
    error LengthMismatch(uint256 ids, uint256 scores);
    error EmptyReveal();
    error MissingReceipt();
    error TooManyAssignments(uint256 count, uint256 max);
    error SubmissionsNotAscending(uint256 index);
    error NoSubmission(uint256 epoch, uint256 nodeIndex);
    error NotAssigned(uint256 epoch, uint256 nodeIndex, address validator);
    error EpochNotOver(uint256 epoch, uint256 endsAt);
    error EpochOutOfOrder(uint256 epoch, uint256 nextToSettle);
    error EpochAlreadySettled(uint256 epoch);
    error NotScoringEpoch(uint256 epoch, uint256 scoringEpochs);
    error EpochsNotSettled(uint256 settled, uint256 scoringEpochs);
    error NothingToClaim(address account);
    error ChallengeNotFound(uint256 challengeId);
    error SelfChallenge(uint256 taskId, address node, address challenger);
    error ChallengeWindowClosed(uint256 challengeId, uint256 closedAt);
    error ChallengeNotAnswered(uint256 challengeId);
    error ChallengeStillOpen(uint256 challengeId, uint256 resolvableAt);
    error SettlementPending(uint256 taskId, uint256 nextToSettle);
    error SeedNotDrawn(uint256 taskId, uint256 epoch);
    error SeedBlockNotReached(uint256 seedBlock, uint256 currentBlock);
    error ModelNotCommitted(uint256 taskId, address node);
    error ModelCommitTooRecent(uint256 committedAtBlock, uint256 currentBlock);
    error ModuleTokenMismatch(address module, address token);
    error BondTooLow(uint256 bond, uint256 minBond);
    error NotChallengedNode(uint256 challengeId, address caller);
    error AlreadyAnswered(uint256 challengeId);
    error AlreadyVoted(uint256 challengeId, address validator);
    error NoVotingStake(uint256 challengeId, address validator);
    error ChallengeResolved(uint256 challengeId);
    error ChallengesOpen(uint256 taskId, address node, uint256 open);
    error PoolAlreadyReclaimed(uint256 taskId);
    error FeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    error ZeroAddress();
    error OnlyDelegateCall();
}

/// @notice Events of the Arena protocol: every state change, so leaderboards and histories build from logs.
interface IArenaEvents {
    event TaskCreated(
        uint256 indexed taskId,
        address indexed creator,
        Metric metric,
        uint256 rewardPool,
        uint256 start
    );
    event TaskDescribed(
        uint256 indexed taskId,
        string title,
        string description,
        string baseModel,
        string dataURI,
        string evalSetURI,
        bytes32 evalSetHash
    );
    event TaskConfigured(uint256 indexed taskId, TaskConfig config, uint32 contextLength, uint64 maxParams);
    event TaskCancelled(uint256 indexed taskId, uint256 refunded);
    event CreatorStakeLocked(uint256 indexed taskId, address indexed creator, uint256 amount);
    event CreatorStakeReturned(uint256 indexed taskId, address indexed creator, uint256 amount);
    event FinalEvalRevealed(uint256 indexed taskId, string evalSetURI, bytes32 evalSetHash);
    event Staked(
        uint256 indexed taskId,
        address indexed account,
        Role role,
        uint256 amount,
        uint256 total,
        uint256 fromEpoch
    );
    event UnstakeRequested(
        uint256 indexed taskId,
        address indexed account,
        uint256 amount,
        uint256 remaining,
        uint256 releaseEpoch
    );
    event Withdrawn(uint256 indexed taskId, address indexed account, uint256 amount);
    event Delegated(
        uint256 indexed taskId,
        address indexed delegatee,
        address indexed delegator,
        uint256 amount,
        uint256 fromEpoch
    );
    event Undelegated(
        uint256 indexed taskId,
        address indexed delegatee,
        address indexed delegator,
        uint256 amount,
        uint256 releaseEpoch
    );
    event DelegationWithdrawn(
        uint256 indexed taskId,
        address indexed delegatee,
        address indexed delegator,
        uint256 amount
    );
    event DelegationRewardsHarvested(
        uint256 indexed taskId,
        address indexed delegatee,
        address indexed delegator,
        uint256 amount
    );
    event RewardShareSet(uint256 indexed taskId, address indexed delegatee, uint256 rewardShare, uint256 fromEpoch);
    event ModelSubmitted(
        uint256 indexed taskId,
        uint256 indexed epoch,
        address indexed node,
        uint256 nodeIndex,
        string uri,
        bytes32 contentHash
    );
    event EpochOpened(uint256 indexed taskId, uint256 indexed epoch, bytes32 seed, uint256 sumWeight);
    /// The epoch's seed will be the hash of `seedBlock` (unknown to everyone when it was fixed).
    event SeedBlockFixed(uint256 indexed taskId, uint256 indexed epoch, uint256 seedBlock);
    event ModelCommitted(uint256 indexed taskId, uint256 indexed epoch, address indexed node, bytes32 commitment);
    /// A node that committed to `contentHash` earlier took it over from a later committer's submission.
    event ModelSubmissionRevoked(
        uint256 indexed taskId,
        uint256 indexed epoch,
        address indexed node,
        bytes32 contentHash
    );
    event ScoresCommitted(uint256 indexed taskId, uint256 indexed epoch, address indexed validator, bytes32 commitment);
    event ScoresRevealed(
        uint256 indexed taskId,
        uint256 indexed epoch,
        address indexed validator,
        uint256[] nodeIndices,
        uint32[] scores,
        bytes32 receipt
    );
    event SettlementProgress(uint256 indexed taskId, uint256 indexed epoch, uint8 stage, uint256 cursor);
    /// meanScore in 1e-18 units of the metric; weight = g_i·t_i^α_t; reward = the node pool's earnings F
    event SubmissionSettled(
        uint256 indexed taskId,
        uint256 indexed epoch,
        address indexed node,
        uint256 meanScore,
        uint256 weight,
        uint256 reward
    );
    event ValidatorRewarded(uint256 indexed taskId, uint256 indexed epoch, address indexed validator, uint256 reward);
    event DelegatorsRewarded(
        uint256 indexed taskId,
        uint256 indexed epoch,
        address indexed delegatee,
        uint256 amount,
        uint256 perShare
    );
    event EpochSettled(
        uint256 indexed taskId,
        uint256 indexed epoch,
        uint256 reward,
        uint256 rewardNodes,
        uint256 rewardValidators,
        uint256 paid,
        uint256 scored
    );
    event NodeRewardsReleased(uint256 indexed taskId, address indexed node, uint256 amount);
    /// An upheld challenge took the node's escrow and its delegators' escrowed rewards.
    event NodeRewardsForfeited(
        uint256 indexed taskId,
        address indexed node,
        uint256 nodeAmount,
        uint256 delegatorsAmount
    );
    event PoolReclaimed(uint256 indexed taskId, address indexed creator, uint256 amount);
    event Claimed(address indexed account, uint256 amount, uint256 fee);
    event ChallengeOpened(
        uint256 indexed challengeId,
        uint256 indexed taskId,
        address indexed node,
        address challenger,
        uint256 bond,
        uint256 answerDeadline,
        uint256 voteDeadline
    );
    event ChallengeAnswered(uint256 indexed challengeId, string proofURI);
    event ChallengeVoted(uint256 indexed challengeId, address indexed validator, bool uphold, uint256 weight);
    event ChallengeSettled(uint256 indexed challengeId, bool upheld, uint256 transferred);
    event ProtocolFeeSet(uint256 feeBps, address treasury);
    event MinCreatorStakeSet(uint256 amount);
}
