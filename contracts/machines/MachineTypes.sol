// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice One inference machine as the registry stores it.
/// @dev Packed into four slots besides the two strings; stake amounts fit uint128 (the token supply is far lower).
struct Machine {
    address operator;
    uint8 tier;
    bool active;
    /// @dev Slot of the first registration; never moves, so uptime counts every slot since (inactive ones too).
    uint64 registeredSlot;
    uint64 lastHeartbeatSlot;
    uint128 stake;
    uint128 unbonding;
    uint64 unlockAt;
    string endpoint;
    string region;
}

/// @notice What was observed of one machine in one epoch.
struct EpochStats {
    uint32 heartbeats;
    uint32 latencyReports;
    uint64 latencySumMs;
    uint32 jobs;
    uint32 successfulJobs;
    uint32 claimedJobs;
    uint256 successWeight;
}

/// @notice A job a machine served: claimed by the machine, confirmed (success, latency) by a reporter.
/// @dev Stored under (machineId, jobId): each machine has its own id space, so nobody can take another's ids.
/// One slot.
struct Job {
    uint64 epoch;
    bool claimed;
    bool reported;
    bool success;
    uint128 weight;
}
