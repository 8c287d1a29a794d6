"""UI strings of the app (English and Simplified Chinese) for Gradio's ``gr.I18n``, and the same table for the
few messages built at run time (``message(lang, key, **values)``, language from the request's Accept-Language).

Static labels follow the browser language and can be switched in Gradio's Settings panel (footer → Settings →
Language). The dataset studio's own strings (``app_ui/studio_strings.py``) are merged in by :func:`build_i18n`."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping

log = logging.getLogger(__name__)

EN: dict[str, str] = {
    "app.title": "KBLaM Studio",
    "app.intro": "Build fine-tuning data from your documents, and chat with a knowledge base injected into a "
                 "frozen LLM (KBLaM). Language: follows your browser; change it in Settings (page footer).",
    "tab.studio": "Dataset studio",
    "tab.chat": "Knowledge chat",
    "tab.train": "Train & evaluate",
    "tab.hub": "Hugging Face Hub",
    "studio.missing": "The dataset studio is not part of this build yet.",
    # knowledge chat: KB
    "kb.heading": "Knowledge base",
    "kb.upload": "Upload a KB (CSV, TSV, JSON, JSONL with name, property, value)",
    "kb.example": "Bundled example",
    "kb.load_example": "Load example",
    "kb.search": "Search triples",
    "kb.table": "Triples (edit cells, add rows with an empty #, delete rows, then apply)",
    "kb.apply": "Apply table edits",
    "kb.clear": "Clear KB",
    "kb.download": "Download KB (JSONL)",
    "kb.empty": "No knowledge base loaded: the model answers as the stock chat model.",
    # knowledge chat: chat
    "chat.heading": "Chat",
    "chat.chatbot": "Conversation",
    "chat.question": "Question",
    "chat.placeholder": "Ask about the knowledge base…",
    "chat.send": "Ask",
    "chat.clear": "Clear chat",
    "chat.evidence": "Evidence: triples matched to the question (grounded mode), then the top attended ones",
    "chat.attention": "Attention over the KB",
    "chat.compare": "Side by side",
    "chat.compare_info": "The same question with the KB injected (KBLaM), with every triple in the prompt "
                         "(in-context, while it fits the context window) and with no KB.",
    "chat.compare_button": "Compare",
    "chat.col_kb": "KB injected",
    "chat.col_context": "In context",
    "chat.col_plain": "No KB",
    # settings
    "settings.heading": "Settings",
    "settings.model": "Model",
    "settings.backbone": "Backbone (smollm2 = the default SmolLM2-135M; or a Hub id such as "
                         "meta-llama/Meta-Llama-3-8B-Instruct, 4-bit on a GPU)",
    "settings.encoder": "Sentence encoder",
    "settings.adapters": "Adapters",
    "settings.adapters_path": "Adapters folder (when 'folder')",
    "settings.adapters_repo": "Adapters Hub repo (when 'hub')",
    "settings.quantize": "Quantization",
    "settings.load": "Load model",
    "settings.decoding": "Answering",
    "settings.mode": "Mode",
    "settings.length_scale": "Length-scaling constant C (log C − log M added to KB logits)",
    "settings.max_new_tokens": "Max new tokens",
    "settings.do_sample": "Sample (otherwise greedy)",
    "settings.temperature": "Temperature",
    "settings.top_p": "Top-p",
    "settings.top_k": "Evidence triples shown",
    "settings.grounded_k": "Triples given as text (grounded mode, when the question names no KB entity)",
    "settings.refusal_threshold": "Refusal threshold on the question/KB match score (0 = calibrated default, negative = off)",
    # train & evaluate
    "train.heading": "Train adapters",
    "train.info": "Trains the KB adapters on CPU or GPU in the background; the loss plot updates live. The "
                  "frozen LLM and encoder are not changed.",
    "train.source": "Training data",
    "train.steps": "Steps",
    "train.batch_size": "Batch size",
    "train.lr": "Learning rate",
    "train.start": "Start training",
    "train.stop": "Stop",
    "train.use": "Use the trained adapters in chat",
    "train.plot": "Training loss",
    "eval.heading": "Evaluate",
    "eval.info": "Attention retrieval accuracy (top-1/top-5 per KB layer and KB size) and, when available, "
                 "answer quality against baselines. Uses the model loaded in the chat settings.",
    "eval.source": "Evaluation data",
    "eval.kb_sizes": "KB sizes (comma-separated)",
    "eval.questions": "Questions per KB size",
    "eval.answers": "Also answer quality and cost against the baselines (slow: many generations)",
    "eval.run": "Run evaluation",
    "eval.table": "Results",
    "eval.plots": "Plots",
    "source.synthetic": "synthetic KB",
    "source.kb": "current KB",
    # hub
    "hub.heading": "Push and pull with the Hugging Face Hub",
    "hub.token": "Hugging Face token (kept for this browser session only; never shown or stored)",
    "hub.token_info": "Without a token: HF_TOKEN of the server (not on Spaces), or sign in on Spaces.",
    "hub.repo": "Repo id (namespace/name)",
    "hub.private": "Private",
    "hub.push": "Push",
    "hub.pull": "Pull",
    "hub.dataset": "Dataset (from a studio project)",
    "hub.project": "Project",
    "hub.refresh": "Refresh projects",
    "hub.format": "Format",
    "hub.kb": "Knowledge base (triples + encoded tensors)",
    "hub.adapters": "Adapters (safetensors + model card)",
    "hub.adapters_source": "Adapters to push",
    "hub.adapters_folder": "Adapters folder",
    "hub.result": "Result",
}

ZH: dict[str, str] = {
    "app.title": "KBLaM Studio",
    "app.intro": "用你的文档构建微调数据，并与注入冻结大模型的知识库对话（KBLaM）。界面语言跟随浏览器，"
                 "可在页面底部的“设置”中切换。",
    "tab.studio": "数据集工作室",
    "tab.chat": "知识对话",
    "tab.train": "训练与评估",
    "tab.hub": "Hugging Face Hub",
    "studio.missing": "此版本尚未包含数据集工作室。",
    "kb.heading": "知识库",
    "kb.upload": "上传知识库（CSV、TSV、JSON、JSONL，列为 name、property、value）",
    "kb.example": "内置示例",
    "kb.load_example": "加载示例",
    "kb.search": "搜索三元组",
    "kb.table": "三元组（可编辑单元格；新增行的 # 留空；可删除行；然后点击应用）",
    "kb.apply": "应用表格修改",
    "kb.clear": "清空知识库",
    "kb.download": "下载知识库（JSONL）",
    "kb.empty": "尚未加载知识库：模型将作为普通对话模型回答。",
    "chat.heading": "对话",
    "chat.chatbot": "对话记录",
    "chat.question": "问题",
    "chat.placeholder": "就知识库提问……",
    "chat.send": "提问",
    "chat.clear": "清空对话",
    "chat.evidence": "证据：与问题匹配的三元组（grounded 模式），其后是注意力最高的三元组",
    "chat.attention": "对知识库的注意力分布",
    "chat.compare": "并排对比",
    "chat.compare_info": "同一问题分别以三种方式回答：注入知识库（KBLaM）、把全部三元组写进提示词（上下文方式，"
                         "在上下文窗口放得下时）以及不使用知识库。",
    "chat.compare_button": "对比",
    "chat.col_kb": "注入知识库",
    "chat.col_context": "上下文方式",
    "chat.col_plain": "无知识库",
    "settings.heading": "设置",
    "settings.model": "模型",
    "settings.backbone": "主干模型（smollm2 为默认的 SmolLM2-135M；也可填 Hub 模型名，如 "
                         "meta-llama/Meta-Llama-3-8B-Instruct，在 GPU 上以 4 位加载）",
    "settings.encoder": "句向量编码器",
    "settings.adapters": "适配器",
    "settings.adapters_path": "适配器文件夹（选择 folder 时）",
    "settings.adapters_repo": "适配器 Hub 仓库（选择 hub 时）",
    "settings.quantize": "量化",
    "settings.load": "加载模型",
    "settings.decoding": "回答选项",
    "settings.mode": "模式",
    "settings.length_scale": "长度缩放常数 C（在知识库注意力分数上加 log C − log M）",
    "settings.max_new_tokens": "最多生成的 token 数",
    "settings.do_sample": "采样（否则贪心解码）",
    "settings.temperature": "温度",
    "settings.top_p": "Top-p",
    "settings.top_k": "显示的证据条数",
    "settings.grounded_k": "以文本形式给出的三元组数（grounded 模式，问题未提及知识库实体时）",
    "settings.refusal_threshold": "按问题与知识库匹配分数拒答的阈值（0 为校准默认值，负数为关闭）",
    "train.heading": "训练适配器",
    "train.info": "在后台用 CPU 或 GPU 训练知识库适配器，损失曲线实时更新。冻结的大模型和编码器不会改变。",
    "train.source": "训练数据",
    "train.steps": "步数",
    "train.batch_size": "批大小",
    "train.lr": "学习率",
    "train.start": "开始训练",
    "train.stop": "停止",
    "train.use": "在对话中使用训练好的适配器",
    "train.plot": "训练损失",
    "eval.heading": "评估",
    "eval.info": "注意力检索准确率（每个知识库层、每种知识库规模的 top-1/top-5），以及（如可用）与基线对比的"
                 "回答质量。使用对话设置中加载的模型。",
    "eval.source": "评估数据",
    "eval.kb_sizes": "知识库规模（逗号分隔）",
    "eval.questions": "每种规模的问题数",
    "eval.answers": "同时评估回答质量和开销并与基线对比（较慢：需要大量生成）",
    "eval.run": "运行评估",
    "eval.table": "结果",
    "eval.plots": "图表",
    "source.synthetic": "合成知识库",
    "source.kb": "当前知识库",
    "hub.heading": "与 Hugging Face Hub 推送和拉取",
    "hub.token": "Hugging Face 令牌（仅保存在本次浏览器会话中，不会显示或存储）",
    "hub.token_info": "不填令牌时：使用服务器的 HF_TOKEN（Spaces 上除外），或在 Spaces 上登录。",
    "hub.repo": "仓库名（namespace/name）",
    "hub.private": "私有",
    "hub.push": "推送",
    "hub.pull": "拉取",
    "hub.dataset": "数据集（来自工作室项目）",
    "hub.project": "项目",
    "hub.refresh": "刷新项目列表",
    "hub.format": "格式",
    "hub.kb": "知识库（三元组 + 编码张量）",
    "hub.adapters": "适配器（safetensors + 模型卡）",
    "hub.adapters_source": "要推送的适配器",
    "hub.adapters_folder": "适配器文件夹",
    "hub.result": "结果",
}

# Messages built at run time: str.format templates, same keys in both languages.
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "kb_loaded": "**{n} triples** · {names} entities · {props} properties · from `{source}`",
        "kb_encoded": "encoded with `{encoder}`: {new} new strings encoded, {cached} from the cache",
        "kb_shown": "showing {shown} of {matches} matching triples (search to narrow)",
        "kb_edited": "applied: {edited} edited, {deleted} deleted, {added} added",
        "kb_dupes": "{n} duplicate triples removed",
        "kb_cleared": "knowledge base cleared",
        "error": "**Error:** {error}",
        "answered": "✅ **answered** · mode `{mode}` · evidence layer {layer} · first token {first:.1f} s · "
                    "{total:.1f} s total",
        "refused": "🚫 **refused** (the KB has nothing on this) · mode `{mode}` · {total:.1f} s",
        "stock": "ℹ️ no KB loaded: the stock model answered ({total:.1f} s)",
        "generating": "⏳ generating…",
        "no_kb": "(no KB loaded)",
        "waiting": "⏳ waiting for the model…",
        "queued": "⏳ waiting for the model: position {position} in the queue",
        "model_loaded": "model: `{model}` · encoder `{encoder}` · adapters: {adapters} · loaded in {secs:.1f} s",
        "adapters_untrained": "⚠️ untrained adapters: KBLaM answers will be poor; use grounded mode or train "
                              "adapters (Train & evaluate tab)",
        "context_too_long": "does not fit: {error}",
        "train_started": "training run `{job}` started ({steps} steps on the {source})",
        "train_status": "run `{job}`: **{status}** · step {step}/{steps} · loss {loss}",
        "train_done": "adapters saved in `{path}`",
        "train_failed": "training failed: {error}",
        "train_none": "no training run in this session",
        "train_use": "chat now uses adapters from `{path}` (loads on the next question)",
        "eval_done": "evaluation finished in {secs:.0f} s; report in `{path}`",
        "hub_pushed": "pushed to {url}",
        "hub_pulled_kb": "pulled {n} triples from {repo}{encoded}; they are now the chat KB",
        "hub_pulled_adapters": "pulled adapters from {repo} into `{path}`; chat uses them from the next question",
        "hub_pulled_dataset": "pulled {repo} into project `{project}`: {result}",
        "no_token": "no token: type one, sign in, or set HF_TOKEN on the server",
    },
    "zh-CN": {
        "kb_loaded": "**{n} 条三元组** · {names} 个实体 · {props} 种属性 · 来源 `{source}`",
        "kb_encoded": "编码器 `{encoder}`：新编码 {new} 个字符串，{cached} 个来自缓存",
        "kb_shown": "显示 {matches} 条匹配三元组中的 {shown} 条（搜索以缩小范围）",
        "kb_edited": "已应用：修改 {edited} 条，删除 {deleted} 条，新增 {added} 条",
        "kb_dupes": "已去除 {n} 条重复三元组",
        "kb_cleared": "知识库已清空",
        "error": "**错误：**{error}",
        "answered": "✅ **已回答** · 模式 `{mode}` · 证据层 {layer} · 首 token {first:.1f} 秒 · 共 {total:.1f} 秒",
        "refused": "🚫 **拒答**（知识库中没有相关信息） · 模式 `{mode}` · {total:.1f} 秒",
        "stock": "ℹ️ 未加载知识库：由原始模型回答（{total:.1f} 秒）",
        "generating": "⏳ 生成中……",
        "no_kb": "（未加载知识库）",
        "waiting": "⏳ 等待模型……",
        "queued": "⏳ 等待模型：队列中第 {position} 位",
        "model_loaded": "模型：`{model}` · 编码器 `{encoder}` · 适配器：{adapters} · 加载用时 {secs:.1f} 秒",
        "adapters_untrained": "⚠️ 适配器未经训练：KBLaM 的回答会很差；请使用 grounded 模式或训练适配器"
                              "（“训练与评估”页）",
        "context_too_long": "放不下：{error}",
        "train_started": "训练任务 `{job}` 已开始（在{source}上训练 {steps} 步）",
        "train_status": "任务 `{job}`：**{status}** · 第 {step}/{steps} 步 · 损失 {loss}",
        "train_done": "适配器已保存到 `{path}`",
        "train_failed": "训练失败：{error}",
        "train_none": "本会话没有训练任务",
        "train_use": "对话将使用 `{path}` 中的适配器（下次提问时加载）",
        "eval_done": "评估完成，用时 {secs:.0f} 秒；报告在 `{path}`",
        "hub_pushed": "已推送到 {url}",
        "hub_pulled_kb": "已从 {repo} 拉取 {n} 条三元组{encoded}，现已作为对话知识库",
        "hub_pulled_adapters": "已从 {repo} 拉取适配器到 `{path}`；下次提问时生效",
        "hub_pulled_dataset": "已将 {repo} 拉取到项目 `{project}`：{result}",
        "no_token": "没有令牌：请输入令牌、登录，或在服务器上设置 HF_TOKEN",
    },
}


def lang_of(request) -> str:
    """``zh-CN`` when the browser prefers Chinese (Accept-Language), else ``en``."""
    headers = getattr(request, "headers", None) or {}
    accept = (headers.get("accept-language") or "") if hasattr(headers, "get") else ""
    first = accept.split(",")[0].strip().lower()
    return "zh-CN" if first.startswith("zh") else "en"


def message(lang: str, key: str, **values) -> str:
    table = MESSAGES.get(lang) or MESSAGES["en"]
    return (table.get(key) or MESSAGES["en"][key]).format(**values)


def studio_strings() -> dict[str, dict[str, str]]:
    """The dataset studio's translations, when ``app_ui/studio_strings.py`` exists (any module-level dict keyed by
    locale, e.g. ``{"en": {...}, "zh-CN": {...}}``)."""
    try:
        module = importlib.import_module("app_ui.studio_strings")
    except ImportError:
        return {}
    for name in ("STUDIO_STRINGS", "TRANSLATIONS", "STRINGS"):
        value = getattr(module, name, None)
        if isinstance(value, Mapping) and "en" in value:
            return {k: dict(v) for k, v in value.items()}
    for value in vars(module).values():
        if isinstance(value, Mapping) and "en" in value and isinstance(value["en"], Mapping):
            return {k: dict(v) for k, v in value.items()}
    log.warning("app_ui.studio_strings has no {locale: {key: text}} table; the studio tab stays untranslated")
    return {}


def translations() -> dict[str, dict[str, str]]:
    """All static strings by locale: the app's plus the studio's (the app's win on a clash)."""
    merged = {"en": {}, "zh-CN": {}}
    for locale, table in studio_strings().items():
        merged.setdefault("zh-CN" if locale in ("zh", "zh-cn", "zh-Hans") else locale, {}).update(table)
    merged["en"].update(EN)
    merged["zh-CN"].update(ZH)
    return merged


def build_i18n():
    import gradio as gr

    return gr.I18n(**translations())
