// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {EpochState, Metric, Role, TaskParams} from "../../arena/IArena.sol";
import {ArenaParams} from "../../arena/lib/ArenaParams.sol";
import {Ranking} from "../../arena/lib/Ranking.sol";
import {ArenaSetup} from "./ArenaSetup.sol";
import {console} from "hardhat/console.sol";

/// @notice Attack on settlement liveness (H1): one settlement step processes all of one validator's scores, so a
/// validator revealing as many scores as the parameters allow makes `settle(…, 1)` need more gas than one
/// transaction may use (16,777,216, EIP-7825). Epochs settle in order, so the task and its funds would be stuck
/// for good. At the largest parameters the contract accepts (maxNodes nodes all submitting, validators revealing
/// `maxAssignmentsPerEpoch` scores each, on fresh storage, the most expensive case) every single step must fit.
contract SettlementGasCapAttackTest is ArenaSetup {
    uint256 internal constant TX_GAS_CAP = 16_777_216;
    /// What a real transaction pays on top of the call measured here: 21,000 intrinsic gas and at most 16 gas
    /// per calldata byte of settle(uint256,uint256,uint256) (4 + 3·32 bytes).
    uint256 internal constant TX_OVERHEAD = 21_000 + 16 * 100;
    uint256 internal constant VALIDATORS = 8;

    /// @dev An order of 1024 mean scores (rank of submission i, as uint16) built with McIlroy's "killer adversary"
    /// against the middle-pivot quicksort that ranked submissions before: it made that sort take 265,719
    /// comparisons instead of ~13k. Validators choose the means through their scores and the positions through
    /// their reveal order, so they could feed it to the ranking step.
    bytes internal constant QUICKSORT_KILLER =
        hex"01ff000102ff000302010005037f0007020300090301000b0205000d03bf000f02070011030300130209001503810017"
        hex"020b00190305001b020d001d03df001f020f0021030700230211002503830027021300290309002b0215002d03c1002f"
        hex"02170031030b00330219003503850037021b0039030d003b021d003d03ef003f021f0041030f00430221004503870047"
        hex"022300490311004b0225004d03c3004f02270051031300530229005503890057022b00590315005b022d005d03e1005f"
        hex"022f00610317006302310065038b0067023300690319006b0235006d03c5006f02370071031b007302390075038d0077"
        hex"023b0079031d007b023d007d03f7007f023f0081031f008302410085038f0087024300890321008b0245008d03c7008f"
        hex"02470091032300930249009503910097024b00990325009b024d009d03e3009f024f00a1032700a3025100a5039300a7"
        hex"025300a9032900ab025500ad03c900af025700b1032b00b3025900b5039500b7025b00b9032d00bb025d00bd03f100bf"
        hex"025f00c1032f00c3026100c5039700c7026300c9033100cb026500cd03cb00cf026700d1033300d3026900d5039900d7"
        hex"026b00d9033500db026d00dd03e500df026f00e1033700e3027100e5039b00e7027300e9033900eb027500ed03cd00ef"
        hex"027700f1033b00f3027900f5039d00f7027b00f9033d00fb027d00fd03fb00ff027f0101033f010302810105039f0107"
        hex"028301090341010b0285010d03cf010f02870111034301130289011503a10117028b01190345011b028d011d03e7011f"
        hex"028f0121034701230291012503a30127029301290349012b0295012d03d1012f02970131034b01330299013503a50137"
        hex"029b0139034d013b029d013d03f3013f029f0141034f014302a1014503a7014702a301490351014b02a5014d03d3014f"
        hex"02a701510353015302a9015503a9015702ab01590355015b02ad015d03e9015f02af01610357016302b1016503ab0167"
        hex"02b301690359016b02b5016d03d5016f02b70171035b017302b9017503ad017702bb0179035d017b02bd017d03f9017f"
        hex"02bf0181035f018302c1018503af018702c301890361018b02c5018d03d7018f02c701910363019302c9019503b10197"
        hex"02cb01990365019b02cd019d03eb019f02cf01a1036701a302d101a503b301a702d301a9036901ab02d501ad03d901af"
        hex"02d701b1036b01b302d901b503b501b702db01b9036d01bb02dd01bd03f501bf02df01c1036f01c302e101c503b701c7"
        hex"02e301c9037101cb02e501cd03db01cf02e701d1037301d302e901d503b901d702eb01d9037501db02ed01dd03ed01df"
        hex"02ef01e1037701e302f101e503bb01e702f301e9037901eb02f501ed03dd01ef02f701f1037b01f302f901f503bd01f7"
        hex"02fb01f9037d01fb02fd01fd03ff00000002000400060008000a000c000e00100012001400160018001a001c001e0020"
        hex"0022002400260028002a002c002e00300032003400360038003a003c003e00400042004400460048004a004c004e0050"
        hex"0052005400560058005a005c005e00600062006400660068006a006c006e00700072007400760078007a007c007e0080"
        hex"0082008400860088008a008c008e00900092009400960098009a009c009e00a000a200a400a600a800aa00ac00ae00b0"
        hex"00b200b400b600b800ba00bc00be00c000c200c400c600c800ca00cc00ce00d000d200d400d600d800da00dc00de00e0"
        hex"00e200e400e600e800ea00ec00ee00f000f200f400f600f800fa00fc00fe01000102010401060108010a010c010e0110"
        hex"0112011401160118011a011c011e01200122012401260128012a012c012e01300132013401360138013a013c013e0140"
        hex"0142014401460148014a014c014e01500152015401560158015a015c015e01600162016401660168016a016c016e0170"
        hex"0172017401760178017a017c017e01800182018401860188018a018c018e01900192019401960198019a019c019e01a0"
        hex"01a201a401a601a801aa01ac01ae01b001b201b401b601b801ba01bc01be01c001c201c401c601c801ca01cc01ce01d0"
        hex"01d201d401d601d801da01dc01de01e001e201e401e601e801ea01ec01ee01f001f201f401f601f801fa01fc01fe0200"
        hex"0202020402060208020a020c020e02100212021402160218021a021c021e02200222022402260228022a022c022e0230"
        hex"0232023402360238023a023c023e02400242024402460248024a024c024e02500252025402560258025a025c025e0260"
        hex"0262026402660268026a026c026e02700272027402760278027a027c027e02800282028402860288028a028c028e0290"
        hex"0292029402960298029a029c029e02a002a202a402a602a802aa02ac02ae02b002b202b402b602b802ba02bc02be02c0"
        hex"02c202c402c602c802ca02cc02ce02d002d202d402d602d802da02dc02de02e002e202e402e602e802ea02ec02ee02f0"
        hex"02f202f402f602f802fa02fc02fe03000302030403060308030a030c030e03100312031403160318031a031c031e0320"
        hex"0322032403260328032a032c032e03300332033403360338033a033c033e03400342034403460348034a034c034e0350"
        hex"0352035403560358035a035c035e03600362036403660368036a036c036e03700372037403760378037a037c037e0380"
        hex"0382038403860388038a038c038e03900392039403960398039a039c039e03a003a203a403a603a803aa03ac03ae03b0"
        hex"03b203b403b603b803ba03bc03be03c003c203c403c603c803ca03cc03ce03d003d203d403d603d803da03dc03de03e0"
        hex"03e203e403e603e803ea03ec03ee03f003f203f403f603f803fa03fc03fd03fe";

    ArenaToken internal token;
    ArenaTasks internal arena;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 1e27);
        arena = deployArena(token);
    }

    /// @dev Isolation runs every top-level call as its own transaction, so storage is cold at the start of each
    /// settle call and the gas measured is what a transaction would use.
    /// forge-config: default.isolate = true
    function test_H1_EverySettleStepFitsAtMaxParams() public {
        uint256 nodes = ArenaParams.MAX_NODES;
        uint256 cells = ArenaParams.MAX_ASSIGNMENTS;
        uint256 taskId = _task(nodes, cells);
        (, uint256 submitEnd, uint256 commitEnd, ) = arena.epochTimes(taskId, 1);
        vm.warp(submitEnd);
        drawSeedNow(arena, taskId, 1);
        uint256[][] memory ids = new uint256[][](VALIDATORS);
        uint32[][] memory scores = new uint32[][](VALIDATORS);
        for (uint256 j; j < VALIDATORS; ++j) {
            // Validator j scores `cells` consecutive submissions (wrapping, listed ascending): all 1024 are scored.
            (ids[j], scores[j]) = _plan(j, nodes, cells);
            vm.prank(actor(2000 + j));
            arena.commitScores(
                taskId,
                keccak256(abi.encode(taskId, uint256(1), actor(2000 + j), ids[j], scores[j], RECEIPT, bytes32(j)))
            );
        }
        vm.warp(commitEnd);
        for (uint256 j; j < VALIDATORS; ++j) {
            vm.prank(actor(2000 + j));
            arena.revealScores(taskId, 1, ids[j], scores[j], RECEIPT, bytes32(j));
        }
        vm.warp(epochStart(arena, taskId, 2));
        arena.settle(taskId, 0, 10);

        uint256[6] memory largest;
        uint256 calls;
        for (bool done; !done;) {
            (EpochState memory before, , ) = arena.getEpoch(taskId, 1);
            uint256 g = gasleft();
            done = arena.settle(taskId, 1, 1);
            uint256 used = g - gasleft() + TX_OVERHEAD;
            ++calls;
            if (used > largest[before.stage]) largest[before.stage] = used;
            assertLe(used, TX_GAS_CAP, "one settle step fits in a transaction");
        }
        (, , uint256 scored) = arena.getEpoch(taskId, 1);
        assertEq(scored, nodes, "every submission scored (the rank step sorts all of them)");
        // Every revealed validator and scored submission is one step in its stages, the ranking one more.
        assertEq(calls, 3 * VALIDATORS + 2 * nodes + 1, "one call per step");
        console.log("largest settle(..., 1) transaction per stage at maxAssignments =", cells);
        console.log("  aggregate", largest[0]);
        console.log("  means", largest[1]);
        console.log("  rank", largest[2]);
        console.log("  pay nodes", largest[3]);
        console.log("  distances", largest[4]);
        console.log("  pay validators", largest[5]);
    }

    /// The ranking sort alone on the adversarial order: O(n log n) now (before: the quicksort's O(n²)).
    function test_H1_RankingSortAdversarialOrder() public view {
        uint256 n = QUICKSORT_KILLER.length / 2;
        uint256[] memory keys = new uint256[](n);
        for (uint256 i; i < n; ++i) keys[i] = (_killerRank(i) << 32) | i;
        uint256 g = gasleft();
        Ranking.sort(keys);
        uint256 used = g - gasleft();
        for (uint256 k; k < n; ++k) assertEq(keys[k] >> 32, k, "sorted");
        console.log("Ranking.sort of 1024 adversarial keys, gas:", used);
        assertLe(used, 3_000_000, "the sort costs O(n log n)");
        // Heapsort has no bad input of its own: sorted and reversed orders cost about the same.
        for (uint256 order; order < 2; ++order) {
            for (uint256 i; i < n; ++i) keys[i] = ((order == 0 ? i : n - 1 - i) << 32) | i;
            g = gasleft();
            Ranking.sort(keys);
            used = g - gasleft();
            for (uint256 k; k < n; ++k) assertEq(keys[k] >> 32, k, "sorted");
            assertLe(used, 3_000_000, "the sort costs O(n log n)");
        }
    }

    function _killerRank(uint256 i) internal pure returns (uint256) {
        return (uint256(uint8(QUICKSORT_KILLER[2 * i])) << 8) | uint8(QUICKSORT_KILLER[2 * i + 1]);
    }

    /// The limit itself: a task asking validators for more scores per epoch than one step can settle is refused.
    function test_H1_MaxAssignmentsAboveTheSafeBoundRefused() public {
        TaskParams memory p = params(2, 8, 7);
        p.maxAssignmentsPerEpoch = uint16(ArenaParams.MAX_ASSIGNMENTS + 1);
        vm.expectRevert(
            abi.encodeWithSignature(
                "InvalidParameter(string,uint256,uint256,uint256)",
                "maxAssignmentsPerEpoch",
                ArenaParams.MAX_ASSIGNMENTS + 1,
                1,
                ArenaParams.MAX_ASSIGNMENTS
            )
        );
        arena.createTask(p, 0);
    }

    /// @dev maxNodes nodes and VALIDATORS validators staked in epoch 0; every node submits in epoch 1. With
    /// k = 64 ≥ VALIDATORS equal-weight validators, each is assigned every submission.
    function _task(uint256 nodes, uint256 cells) internal returns (uint256 taskId) {
        TaskParams memory p = params(2, uint16(ArenaParams.MAX_VALIDATORS_PER_SUBMISSION), 7);
        p.metric = Metric.Loss;
        p.maxNodes = uint16(nodes);
        p.maxAssignmentsPerEpoch = uint16(cells);
        p.mechanism.lambdaV = 10e18;
        p.mechanism.alphaV = 5e17;
        p.mechanism.alphaT = 5e17;
        taskId = arena.createTask(p, 0);
        for (uint256 i; i < nodes; ++i) {
            token.transfer(actor(i), MIN_STAKE);
            vm.startPrank(actor(i));
            token.approve(address(arena), MIN_STAKE);
            arena.stake(taskId, Role.Node, uint96(MIN_STAKE));
            vm.stopPrank();
        }
        for (uint256 j; j < VALIDATORS; ++j) {
            fundActor(token, arena, actor(2000 + j), 1_000 ether);
            stakeAs(arena, taskId, actor(2000 + j), Role.Validator, 100 ether);
        }
        vm.warp(epochStart(arena, taskId, 1));
        for (uint256 i; i < nodes; ++i) submitAs(arena, taskId, actor(i), 1);
    }

    /// @dev `cells` consecutive node indices from j·nodes/VALIDATORS, wrapped and sorted. Every submission's
    /// raters alternate +d and −d around 1 + rank/1000 (equal stakes, an even number of raters per submission),
    /// so its mean is exactly that and the means come in the adversarial order for the ranking sort; the raters
    /// are off the mean, so the validator weights are computed in full.
    function _plan(
        uint256 j,
        uint256 nodes,
        uint256 cells
    ) internal pure returns (uint256[] memory ids, uint32[] memory scores) {
        if (cells > nodes) cells = nodes;
        ids = new uint256[](cells);
        scores = new uint32[](cells);
        uint256 start = (j * nodes) / VALIDATORS;
        uint256 wrapped = start + cells > nodes ? start + cells - nodes : 0;
        for (uint256 t; t < cells; ++t) {
            uint256 i = t < wrapped ? t : start + t - wrapped;
            ids[t] = i;
            uint256 mean = 1_000_000 + _killerRank(i) * 1_000;
            scores[t] = uint32(j % 2 == 0 ? mean + 1 + (i % 7) : mean - 1 - (i % 7));
        }
    }
}
