#!/usr/bin/env bash
# Makes the English voice prompts of the appliance: 8 kHz, 16-bit, mono PCM WAV files, the
# format WavFile.ReadMono8k reads and G.711 carries without resampling.
#
# The speech comes from espeak-ng and the hold music is synthesized by sox, so the prompts can
# be rebuilt on any Debian machine (apt-get install espeak-ng sox). The output is repeatable
# for one version of those tools: sox runs with -R (fixed random seed) and -D (no dither).
#
# The Chinese set (espeak-ng voice cmn, Mandarin) has the same prompt names and goes into the
# folder zh beside the English one; a prompt it lacks is played in English (PromptLibrary).
#
# Usage: tools/prompts/generate.sh [output-directory] [chinese-output-directory]
set -euo pipefail
cd "$(dirname "$0")/../.."

out="${1:-firmware/Appliance.Service/Prompts/en}"
zh_out="${2:-$(dirname "$out")/zh}"
for tool in espeak-ng sox; do
    if ! command -v "$tool" >/dev/null; then
        echo "generate.sh: $tool is missing (apt-get install $tool)" >&2
        exit 1
    fi
done
mkdir -p "$out" "$zh_out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The output format of every prompt: 8 kHz, signed 16-bit little-endian, one channel.
pcm8k=(-r 8000 -c 1 -b 16 -e signed-integer)

# Speaks a sentence into an 8 kHz WAV: band-limited to the telephone band (300-3400 Hz),
# normalised to -3 dBFS, with 150 ms of silence before and 300 ms after.
voice=en-us
speak() {
    local name="$1" text="$2"
    espeak-ng -v "$voice" -s 150 -p 45 -a 120 -w "$work/$name-22k.wav" "$text"
    sox -R -D "$work/$name-22k.wav" "${pcm8k[@]}" "$work/$name.wav" \
        gain -6 highpass 300 lowpass 3400 rate -v 8000 norm -3 pad 0.15 0.3
}

# Gentle hold music: four sustained chords (C, A minor, F, G) of plucked notes, 1.5 s each,
# faded in and out and kept 12 dB under the speech.
music() {
    local name="$1" i=0
    local chords=("%-9 %-5 %-2" "%-12 %-9 %-5" "%-16 %-12 %-9" "%-14 %-10 %-7")
    for chord in "${chords[@]}"; do
        read -r a b c <<<"$chord"
        sox -R -D -n -r 8000 -c 3 -b 16 "$work/chord$i.wav" \
            synth 1.5 pluck "$a" pluck "$b" pluck "$c" remix 1-3 fade q 0.05 1.5 0.4 vol 0.25
        i=$((i + 1))
    done
    sox -R -D "$work"/chord{0,1,2,3}.wav "${pcm8k[@]}" "$work/$name.wav" norm -15 fade t 0.5 0 1.0
}

speak welcome "Welcome to SparkleCC."
speak menu "For sales, press 1. For support, press 2."
speak invalid "Sorry, that is not a valid choice."
speak noagent "No agent is available right now. Please call again later. Goodbye."
speak hold-speech "All our agents are busy. Please hold, your call is important to us."
speak agent-ready "You are ready."
speak agent-not-ready "You are not ready."
speak agent-logged-in "You are logged in."
speak agent-logged-out "You are logged out."
speak feature-refused "That feature code is not available."
speak abandon "Sorry, we called you but no one is free to take your call. We will call you again. Goodbye."
music hold-music

# Waiting callers: position and expected wait are said as sentences of these pieces
# (queue-position number-3 queue-place; queue-wait count-2 queue-minutes), with a comfort message
# between. The pieces are cut where Chinese needs them: its measure word 位 follows the number,
# and two of something is 两, not the 二 of counting.
speak queue-position "You are number"
speak queue-place "in line."
speak queue-wait "Your expected wait is about"
speak queue-minute "minute."
speak queue-minutes "minutes."
speak count-2 "two"
speak queue-wait-short "Your call will be answered in less than a minute."
speak comfort "Thank you for waiting. An agent will be with you shortly."
speak voicemail-speech "Please leave a message after the tone. Press hash when you are done."
# Callbacks: the offer to a waiting caller, its confirmation, and the question when the box calls back.
speak callback-offer "We can call you back and keep your place in line. To be called back at this number, press hash. To be called back at another number, key it in, then press hash. To keep waiting, press star."
speak callback-booked "Thank you. We will call you back when it is your turn. Goodbye."
speak callback-confirm "This is your call back. To speak to an agent now, press 1."
# A known caller, greeted by name (spoken at run time), confirms it is them with one key.
speak confirm-identity "To confirm this is you, press 1. Otherwise, press 2."
# A mailbox owner's call (*97, *98): the count of new messages is said as mailbox-you-have
# number-N mailbox-new-messages, each message is followed by the menu.
speak mailbox-number "Please enter your mailbox number, then press hash."
speak mailbox-pin "Please enter your PIN, then press hash."
speak mailbox-refused "That mailbox or PIN is not valid."
speak mailbox-you-have "You have"
speak mailbox-new-message "new message."
speak mailbox-new-messages "new messages."
speak mailbox-no-new "You have no new messages."
speak mailbox-menu "To hear this message again, press 1. For the next message, press 2. To delete it, press 7. To save it, press 9."
speak mailbox-deleted "Message deleted."
speak mailbox-saved "Message saved."
speak mailbox-no-more "There are no more messages. Goodbye."
# The demo menu offers Chinese in Chinese, so a caller who needs it understands the offer.
voice=cmn
speak language-offer "中文请按9。"
voice=en-us
words=(one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty)
numbers=()
for i in "${!words[@]}"; do
    speak "number-$((i + 1))" "${words[$i]}"
    numbers+=("number-$((i + 1))")
done

for name in welcome menu invalid noagent agent-ready agent-not-ready agent-logged-in agent-logged-out \
    feature-refused abandon queue-position queue-place queue-wait queue-minute queue-minutes count-2 \
    queue-wait-short comfort language-offer \
    callback-offer callback-booked callback-confirm confirm-identity mailbox-number mailbox-pin \
    mailbox-refused mailbox-you-have mailbox-new-message mailbox-new-messages mailbox-no-new \
    mailbox-menu mailbox-deleted mailbox-saved mailbox-no-more "${numbers[@]}"; do
    cp "$work/$name.wav" "$out/$name.wav"
done
sox -R -D "$work/hold-speech.wav" "$work/hold-music.wav" "${pcm8k[@]}" "$out/hold.wav"
# The voicemail greeting ends in a half-second 1 kHz beep, the tone the caller is told to wait for.
sox -R -D -n "${pcm8k[@]}" "$work/beep.wav" synth 0.5 sine 1000 vol 0.3
sox -R -D "$work/voicemail-speech.wav" "$work/beep.wav" "${pcm8k[@]}" "$out/voicemail.wav"

# The Chinese set: every prompt a caller of a Chinese call hears (flow, queue, callback,
# voicemail), and the prompts of an agent or a mailbox owner whose extension is set to Chinese.
voice=cmn
zh="$work/zh"
mkdir -p "$zh"
speakzh() {
    speak "zh/$1" "$2"
    cp "$work/zh/$1.wav" "$zh_out/$1.wav"
}
speakzh welcome "欢迎致电 SparkleCC。"
speakzh menu "销售请按1。技术支持请按2。"
speakzh invalid "对不起，您的选择无效。"
speakzh noagent "现在没有座席可以接听。请稍后再拨。再见。"
speak zh/hold-speech "所有座席都在忙。请稍候，您的来电对我们很重要。"
speakzh abandon "对不起，我们回拨给您，但没有座席可以接听。我们会再给您打电话。再见。"
speakzh queue-position "您排在第"
speakzh queue-place "位。"
speakzh queue-wait "您预计等待大约"
speakzh queue-minute "分钟。"
speakzh queue-minutes "分钟。"
speakzh count-2 "两"
speakzh queue-wait-short "您的来电将在一分钟内接听。"
speakzh comfort "感谢您的耐心等待。座席很快就会为您服务。"
speak zh/voicemail-speech "请在提示音后留言。完成后请按井号键。"
speakzh callback-offer "我们可以回拨给您并保留您的排队位置。回拨到这个号码，请按井号键。回拨到其他号码，请输入号码后按井号键。继续等待，请按星号键。"
speakzh callback-booked "谢谢。轮到您时我们会回拨给您。再见。"
speakzh callback-confirm "这是您的回拨电话。现在与座席通话，请按1。"
speakzh confirm-identity "确认是您本人，请按1。否则，请按2。"
speakzh agent-ready "您已就绪。"
speakzh agent-not-ready "您已设为未就绪。"
speakzh agent-logged-in "您已登录。"
speakzh agent-logged-out "您已登出。"
speakzh feature-refused "该功能代码不可用。"
speakzh mailbox-number "请输入您的信箱号码，然后按井号键。"
speakzh mailbox-pin "请输入您的密码，然后按井号键。"
speakzh mailbox-refused "信箱号码或密码无效。"
speakzh mailbox-you-have "您有"
speakzh mailbox-new-message "条新留言。"
speakzh mailbox-new-messages "条新留言。"
speakzh mailbox-no-new "您没有新留言。"
speakzh mailbox-menu "重听这条留言，请按1。听下一条留言，请按2。删除这条留言，请按7。保存这条留言，请按9。"
speakzh mailbox-deleted "留言已删除。"
speakzh mailbox-saved "留言已保存。"
speakzh mailbox-no-more "没有更多留言了。再见。"
zh_words=(一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十)
for i in "${!zh_words[@]}"; do
    speakzh "number-$((i + 1))" "${zh_words[$i]}"
done
sox -R -D "$zh/hold-speech.wav" "$work/hold-music.wav" "${pcm8k[@]}" "$zh_out/hold.wav"
sox -R -D "$zh/voicemail-speech.wav" "$work/beep.wav" "${pcm8k[@]}" "$zh_out/voicemail.wav"

for f in "$out"/*.wav "$zh_out"/*.wav; do
    printf '%s: %s bytes, %s s\n' "$f" "$(stat -c %s "$f")" "$(soxi -D "$f")"
done
