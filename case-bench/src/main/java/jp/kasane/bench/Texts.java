package jp.kasane.bench;

import java.util.concurrent.ThreadLocalRandom;

/** Free text as staff write it: Japanese, full-width spaces, half-width kana, a character outside the BMP. */
final class Texts {

    private static final String[] PARTS = {
            "80代の母と50代の息子の二人暮らし。", "息子は長年ひきこもり。", "母の介護相談で来所。",
            "民生委員から、最近姿を見ないとの連絡。", "家計が逼迫し、電気料金を滞納。", "訪問したが応答なし。",
            "本人と会えた。膝が痛くて外に出られないとのこと。", "ﾍﾙﾊﾟｰ利用を検討。", "𠮷田さん（隣人）が同席。",
            "学校を休みがちで、祖母の介護をしている様子。", "　ゴミが溜まり、近隣から苦情。", "就労準備支援につなぎたい。"};

    private Texts() {
    }

    static String summary(ThreadLocalRandom r) {
        StringBuilder b = new StringBuilder();
        int n = 2 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(PARTS[r.nextInt(PARTS.length)]);
        }
        return b.toString();
    }
}
