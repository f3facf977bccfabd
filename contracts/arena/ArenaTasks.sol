// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ArenaBase} from "./ArenaBase.sol";
import {ArenaScoring} from "./ArenaScoring.sol";
import {ArenaStaking} from "./ArenaStaking.sol";
import {
    Challenge,
    DelegationPosition,
    EpochState,
    Participant,
    Phase,
    TaskConfig,
    TaskParams,
    TaskState,
    Unbonding
} from "./IArena.sol";

/// @title ArenaTasks
/// @notice The AI Arena protocol (docs/ARCHITECTURE.md §2, §3): tasks with escrowed reward pools, stake per task and
/// role, delegation with a reward-share ratio, model submissions, sortition-assigned commit-reveal scoring, paged
/// settlement, challenges and pull-based claims. Settlement and challenges run in delegatecall modules that share
/// this contract's storage layout (ArenaBase), keeping every deployed contract under the EIP-170 size limit.
contract ArenaTasks is ArenaStaking, ArenaScoring {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    address public immutable settlementModule;
    address public immutable lifecycleModule;
    address public immutable delegationModule;

    /// @param token_ the token of stakes, pools and bonds
    /// @param admin holds DEFAULT_ADMIN_ROLE (protocol fee, creator stake, expert grants)
    /// @param settlementModule_ an ArenaSettlement deployment
    /// @param lifecycleModule_ an ArenaLifecycle deployment
    /// @param delegationModule_ an ArenaDelegation deployment
    constructor(
        IERC20 token_,
        address admin,
        address settlementModule_,
        address lifecycleModule_,
        address delegationModule_
    ) ArenaBase(token_) {
        if (
            admin == address(0) ||
            settlementModule_ == address(0) ||
            lifecycleModule_ == address(0) ||
            delegationModule_ == address(0)
        ) revert ZeroAddress();
        // The modules run on this contract's storage but read `token` from their own immutable.
        address[3] memory modules = [settlementModule_, lifecycleModule_, delegationModule_];
        for (uint256 i; i < 3; ++i) {
            if (address(ArenaBase(modules[i]).token()) != address(token_))
                revert ModuleTokenMismatch(modules[i], address(token_));
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        settlementModule = settlementModule_;
        lifecycleModule = lifecycleModule_;
        delegationModule = delegationModule_;
    }

    // ----- modules -----

    /// @notice Creates a task and escrows its reward pool (see ArenaLifecycle for who qualifies).
    function createTask(
        TaskParams calldata params,
        uint96 creatorStake
    ) external nonReentrant returns (uint256 taskId) {
        (params, creatorStake);
        taskId = abi.decode(_delegate(lifecycleModule), (uint256));
    }

    /// @notice Cancels a task nobody has staked in or delegated to yet; refunds the pool and creator stake.
    function cancelTask(uint256 taskId) external nonReentrant {
        (taskId);
        _delegate(lifecycleModule);
    }

    /// @notice Advances the settlement of `epoch` by at most `maxSteps` items (see ArenaSettlement).
    function settle(uint256 taskId, uint256 epoch, uint256 maxSteps) external nonReentrant returns (bool done) {
        (taskId, epoch, maxSteps);
        done = abi.decode(_delegate(settlementModule), (bool));
    }

    /// @notice Stops `amount` of own stake counting from the next epoch and starts its unbonding period.
    /// @dev What remains must be zero or at least the role's minimum stake (see ArenaDelegation).
    function requestUnstake(uint256 taskId, uint96 amount) external nonReentrant {
        (taskId, amount);
        _delegate(delegationModule);
    }

    /// @notice Withdraws own stake whose unbonding period is over.
    function withdraw(uint256 taskId) external nonReentrant {
        (taskId);
        _delegate(delegationModule);
    }

    /// @notice Delegates `amount` to a node or validator of a task; counts from the next epoch (see ArenaDelegation).
    function delegate(uint256 taskId, address delegatee, uint96 amount) external nonReentrant {
        (taskId, delegatee, amount);
        _delegate(delegationModule);
    }

    /// @notice Stops part of a delegation counting from the next epoch and starts its unbonding period.
    function undelegate(uint256 taskId, address delegatee, uint96 amount) external nonReentrant {
        (taskId, delegatee, amount);
        _delegate(delegationModule);
    }

    /// @notice Withdraws a delegation whose unbonding period is over.
    function withdrawDelegation(uint256 taskId, address delegatee) external nonReentrant {
        (taskId, delegatee);
        _delegate(delegationModule);
    }

    /// @notice Sets the caller's reward share ρ (WAD) for its delegators; next epoch, at most once per 30 days.
    function setRewardShare(uint256 taskId, uint64 rewardShare) external {
        (taskId, rewardShare);
        _delegate(delegationModule);
    }

    /// @notice Commits to this epoch's model before submitting it in a later block (see ArenaLifecycle).
    function commitModel(uint256 taskId, bytes32 commitment) external {
        (taskId, commitment);
        _delegate(lifecycleModule);
    }

    /// @notice Submits this epoch's committed model: a URI and its content hash (see ArenaLifecycle).
    function submitModel(uint256 taskId, string calldata uri, bytes32 contentHash) external {
        (taskId, uri, contentHash);
        _delegate(lifecycleModule);
    }

    /// @notice The creator reveals the held-back evaluation set committed at creation (see ArenaLifecycle).
    function revealFinalEval(uint256 taskId, string calldata evalSetURI, bytes32 evalSetHash, bytes32 salt) external {
        (taskId, evalSetURI, evalSetHash, salt);
        _delegate(lifecycleModule);
    }

    /// @notice Draws the current epoch's sortition seed in two steps, after submissions close (see ArenaLifecycle).
    function drawSeed(uint256 taskId, uint256 epoch) external {
        (taskId, epoch);
        _delegate(lifecycleModule);
    }

    /// @notice Challenges a node's model as stolen, posting a bond (see ArenaLifecycle).
    function openChallenge(
        uint256 taskId,
        address node,
        uint96 bond
    ) external nonReentrant returns (uint256 challengeId) {
        (taskId, node, bond);
        challengeId = abi.decode(_delegate(lifecycleModule), (uint256));
    }

    /// @notice The challenged node answers with a proof reference.
    function answerChallenge(uint256 challengeId, string calldata proofURI) external {
        (challengeId, proofURI);
        _delegate(lifecycleModule);
    }

    /// @notice A validator of the task votes on a challenge.
    function voteChallenge(uint256 challengeId, bool uphold) external {
        (challengeId, uphold);
        _delegate(lifecycleModule);
    }

    /// @notice Settles a challenge after the task has ended.
    function resolveChallenge(uint256 challengeId) external nonReentrant returns (bool upheld) {
        (challengeId);
        upheld = abi.decode(_delegate(lifecycleModule), (bool));
    }

    /// @notice Releases a node's escrowed task rewards once no challenge can take them.
    function releaseNodeRewards(uint256 taskId, address node) external nonReentrant {
        (taskId, node);
        _delegate(lifecycleModule);
    }

    /// @notice The creator takes back what is left in the pool after the task.
    function reclaimPool(uint256 taskId) external nonReentrant {
        (taskId);
        _delegate(lifecycleModule);
    }

    /// @notice Returns the creator's locked stake after the task.
    function withdrawCreatorStake(uint256 taskId) external nonReentrant {
        (taskId);
        _delegate(lifecycleModule);
    }

    // ----- admin -----

    /// @notice Sets the protocol fee on claims (at most 10%) and the treasury receiving it (see ArenaLifecycle).
    function setProtocolFee(uint256 feeBps_, address treasury_) external {
        (feeBps_, treasury_);
        _delegate(lifecycleModule);
    }

    /// @notice Sets the stake a creator must lock to qualify by stake (0 disables that route).
    function setMinCreatorStake(uint256 amount) external {
        (amount);
        _delegate(lifecycleModule);
    }

    // ----- views -----

    /// @notice A task's state and configuration.
    function getTask(uint256 taskId) external view returns (TaskState memory state, TaskConfig memory config) {
        return (_tasks[taskId], _configs[taskId]);
    }

    /// @notice The sha256 of a task's public evaluation set and of its held-back set (0 until revealed).
    function getEvalSetHashes(uint256 taskId) external view returns (bytes32 publicSet, bytes32 heldBackSet) {
        bytes32[2] storage h = _evalSetHashes[taskId];
        return (h[0], h[1]);
    }

    /// @notice The epoch a task is in now and its phase.
    function currentEpoch(uint256 taskId) external view returns (uint256 epoch, Phase phase) {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        epoch = _epochOf(t, c);
        phase = _phaseAt(t, c, epoch);
    }

    /// @notice When an epoch starts, its submissions close, its commits close and it ends (reveals close).
    function epochTimes(
        uint256 taskId,
        uint256 epoch
    ) external view returns (uint256 start, uint256 submitEnd, uint256 commitEnd, uint256 end) {
        return _epochTimes(_task(taskId), _configs[taskId], epoch);
    }

    /// @notice An epoch's seed, totals and settlement progress.
    function getEpoch(
        uint256 taskId,
        uint256 epoch
    ) external view returns (EpochState memory state, uint256 revealedCount, uint256 scoredCount) {
        state = _epochs[taskId][epoch];
        if (state.seed == bytes32(0)) {
            // Readable but not yet recorded (the first commit records it): the values it will record.
            state.seed = _seedOf(taskId, epoch);
            if (state.seed != bytes32(0)) state.sumWeight = _sumWeight[taskId].upperLookupRecent(uint48(epoch));
        }
        return (state, _revealed[taskId][epoch].length, _scored[taskId][epoch].length);
    }

    /// @notice The block whose hash becomes an epoch's seed (0 until `drawSeed` fixes it).
    function seedBlockOf(uint256 taskId, uint256 epoch) external view returns (uint256) {
        return _seedBlock[taskId][epoch];
    }

    /// @notice An address's role, index and submission in a task.
    function getParticipant(uint256 taskId, address account) external view returns (Participant memory) {
        return _participants[taskId][account];
    }

    /// @notice The node (role Node) or validator at an index.
    function participantAt(uint256 taskId, bool node, uint256 index) external view returns (address) {
        return node ? _nodeAt[taskId][index] : _validatorAt[taskId][index];
    }

    /// @notice Own and delegated stake counting in `epoch` (valid for the current and next epoch and any past one).
    function stakeAt(
        uint256 taskId,
        address account,
        uint256 epoch
    ) external view returns (uint256 own, uint256 delegated) {
        return (_ownAt(taskId, account, epoch), _delegatedAt(taskId, account, epoch));
    }

    /// @notice The reward share ρ (WAD) counting in `epoch`.
    function rewardShareAt(uint256 taskId, address delegatee, uint256 epoch) external view returns (uint256) {
        return _rewardShare[taskId][delegatee].upperLookupRecent(uint48(epoch));
    }

    /// @notice A delegatee's cumulative delegator reward per delegated wei (scaled by 1e18) after `epoch` settled.
    function accPerShareAt(uint256 taskId, address delegatee, uint256 epoch) external view returns (uint256) {
        return _accPerShare[taskId][delegatee].upperLookupRecent(uint48(epoch));
    }

    /// @notice Own stake waiting out its unbonding period.
    function unbondingOf(uint256 taskId, address account) external view returns (Unbonding memory) {
        return _unbonding[taskId][account];
    }

    /// @notice A delegator's position with a delegatee, its unbonding part and its unpaid rewards (for a training
    /// node's delegators, escrowed until the node's rewards are released; 0 once a challenge took them).
    function delegationOf(
        uint256 taskId,
        address delegatee,
        address delegator
    ) external view returns (DelegationPosition memory position, Unbonding memory unbonding, uint256 pendingRewards) {
        position = _positions[taskId][delegatee][delegator];
        unbonding = _delegationUnbonding[taskId][delegatee][delegator];
        (pendingRewards, ) = _pendingDelegation(taskId, delegatee, position);
        pendingRewards = _participants[taskId][delegatee].forfeited ? 0 : pendingRewards + position.escrowed;
    }

    /// @notice The delegatees a delegator has positions with in a task.
    function delegateesOf(uint256 taskId, address delegator) external view returns (address[] memory) {
        return _delegateesOf[taskId][delegator];
    }

    /// @notice Claimable now (validator, challenge and harvested delegation rewards, released node rewards).
    function claimableOf(address account) external view returns (uint256) {
        return _claimableOf(account);
    }

    /// @notice A node's task rewards held until the challenge phase is over.
    function nodeEscrowOf(uint256 taskId, address node) external view returns (uint256) {
        return _nodeEscrow[taskId][node];
    }

    /// @notice A challenge by id.
    function getChallenge(uint256 challengeId) external view returns (Challenge memory) {
        return _challenges[challengeId];
    }

    /// @dev Runs this call in a module sharing this storage layout; bubbles its revert data up.
    function _delegate(address module) private returns (bytes memory result) {
        bool ok;
        (ok, result) = module.delegatecall(msg.data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }
}
