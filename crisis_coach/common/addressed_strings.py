"""Every string whose Arabic speaks to the reader in words that differ for a woman and a man.

Each is listed in its two other forms, so makemessages keeps their pgettext entries: "addressing a
woman" and "addressing anyone" (common/addressing.py, the README's "A string that addresses the
reader"). The plain entry, the call site's, is the masculine form. tests/i18n/test_addressing.py
fails when a string marked at a call site is missing here, or listed here and marked nowhere.
Nothing reads this module at run time.
"""

from django.utils.translation import npgettext_lazy, pgettext_lazy

ADDRESSED = [
    pgettext_lazy(
        "addressing a woman",
        "%(name)s is now your coach. Share the setbacks you want them to see.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "%(name)s is now your coach. Share the setbacks you want them to see.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "1 = not at all, 10 = fully. Asked again when you close it, so you can see the change.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "1 = not at all, 10 = fully. Asked again when you close it, so you can see the change.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "A career coach can review the setbacks you choose to share, comment, and suggest steps. Ask your "
        "coach for their invite code.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "A career coach can review the setbacks you choose to share, comment, and suggest steps. Ask your "
        "coach for their invite code.",
    ),
    pgettext_lazy("addressing a woman", "A former manager knows how you work at your best."),
    pgettext_lazy("addressing anyone", "A former manager knows how you work at your best."),
    pgettext_lazy("addressing a woman", "a key person to talk to (rate influence in Assess)"),
    pgettext_lazy("addressing anyone", "a key person to talk to (rate influence in Assess)"),
    pgettext_lazy("addressing a woman", "Add a community"),
    pgettext_lazy("addressing anyone", "Add a community"),
    pgettext_lazy("addressing a woman", "Add a contact"),
    pgettext_lazy("addressing anyone", "Add a contact"),
    pgettext_lazy("addressing a woman", "Add a date"),
    pgettext_lazy("addressing anyone", "Add a date"),
    pgettext_lazy("addressing a woman", "Add a note to the timeline"),
    pgettext_lazy("addressing anyone", "Add a note to the timeline"),
    pgettext_lazy("addressing a woman", "Add a person"),
    pgettext_lazy("addressing anyone", "Add a person"),
    pgettext_lazy("addressing a woman", "Add a stakeholder"),
    pgettext_lazy("addressing anyone", "Add a stakeholder"),
    pgettext_lazy("addressing a woman", "Add to network"),
    pgettext_lazy("addressing anyone", "Add to network"),
    pgettext_lazy("addressing a woman", "Add your first contact"),
    pgettext_lazy("addressing anyone", "Add your first contact"),
    pgettext_lazy("addressing a woman", "Add your own step"),
    pgettext_lazy("addressing anyone", "Add your own step"),
    pgettext_lazy("addressing a woman", "After you talk to %(name)s, record how it went."),
    pgettext_lazy("addressing anyone", "After you talk to %(name)s, record how it went."),
    pgettext_lazy("addressing a woman", "Allow support access"),
    pgettext_lazy("addressing anyone", "Allow support access"),
    pgettext_lazy("addressing a woman", "Archive this playbook?"),
    pgettext_lazy("addressing anyone", "Archive this playbook?"),
    pgettext_lazy("addressing a woman", "Ask a senior ally where the reorganisation is heading"),
    pgettext_lazy("addressing anyone", "Ask a senior ally where the reorganisation is heading"),
    pgettext_lazy("addressing a woman", "Ask for a chance to show results in the coming weeks."),
    pgettext_lazy("addressing anyone", "Ask for a chance to show results in the coming weeks."),
    pgettext_lazy("addressing a woman", "Ask your manager to agree, in writing, what good work looks like"),
    pgettext_lazy("addressing anyone", "Ask your manager to agree, in writing, what good work looks like"),
    pgettext_lazy("addressing a woman", "Be where people in your field actually are, not everywhere."),
    pgettext_lazy("addressing anyone", "Be where people in your field actually are, not everywhere."),
    pgettext_lazy(
        "addressing a woman",
        "Being sure you know what others think of you, though they have not said it.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Being sure you know what others think of you, though they have not said it.",
    ),
    pgettext_lazy("addressing a woman", "Book training for the skill that fell short"),
    pgettext_lazy("addressing anyone", "Book training for the skill that fell short"),
    pgettext_lazy("addressing a woman", "Build the plan"),
    pgettext_lazy("addressing anyone", "Build the plan"),
    pgettext_lazy(
        "addressing a woman",
        "Build trust: keep work promises on time, never lie, respect other views, and keep confidences.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Build trust: keep work promises on time, never lie, respect other views, and keep confidences.",
    ),
    pgettext_lazy("addressing a woman", "Can say what your work is worth to the people it is for."),
    pgettext_lazy("addressing anyone", "Can say what your work is worth to the people it is for."),
    pgettext_lazy("addressing a woman", "Cases with every word; put a phrase in “quotes”."),
    pgettext_lazy("addressing anyone", "Cases with every word; put a phrase in “quotes”."),
    pgettext_lazy("addressing a woman", "Change how often you get this email"),
    pgettext_lazy("addressing anyone", "Change how often you get this email"),
    pgettext_lazy("addressing a woman", "Change how often you get this email:"),
    pgettext_lazy("addressing anyone", "Change how often you get this email:"),
    pgettext_lazy("addressing a woman", "Change your email address"),
    pgettext_lazy("addressing anyone", "Change your email address"),
    pgettext_lazy("addressing a woman", "Change your password"),
    pgettext_lazy("addressing anyone", "Change your password"),
    pgettext_lazy("addressing a woman", "Choose a date between the years 1 and 9999."),
    pgettext_lazy("addressing anyone", "Choose a date between the years 1 and 9999."),
    pgettext_lazy("addressing a woman", "Choose how long support staff may read your content."),
    pgettext_lazy("addressing anyone", "Choose how long support staff may read your content."),
    pgettext_lazy(
        "addressing a woman",
        "Congratulating someone on a birthday, a wedding or a new baby, or calling when they are unwell, "
        "is one of the quiet ways relationships grow. Dates in the next two weeks appear on your Keep in "
        "touch page.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Congratulating someone on a birthday, a wedding or a new baby, or calling when they are unwell, "
        "is one of the quiet ways relationships grow. Dates in the next two weeks appear on your Keep in "
        "touch page.",
    ),
    pgettext_lazy("addressing a woman", "Contact the client or team affected and offer a concrete remedy"),
    pgettext_lazy("addressing anyone", "Contact the client or team affected and offer a concrete remedy"),
    pgettext_lazy(
        "addressing a woman",
        "Conversation planned. Run through the principles once more before you go.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Conversation planned. Run through the principles once more before you go.",
    ),
    pgettext_lazy("addressing a woman", "Copy the address: click in the box and copy it (Ctrl+C or ⌘+C)."),
    pgettext_lazy("addressing anyone", "Copy the address: click in the box and copy it (Ctrl+C or ⌘+C)."),
    pgettext_lazy("addressing a woman", "Create an account"),
    pgettext_lazy("addressing anyone", "Create an account"),
    pgettext_lazy("addressing a woman", "Create your account"),
    pgettext_lazy("addressing anyone", "Create your account"),
    pgettext_lazy(
        "addressing a woman",
        "Crisis Coach walks you through a costly mistake, a hard boss or a restructuring threat: assess "
        "what happened, face the people who matter, and resolve it quickly — with a coach beside you if "
        "you want one.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Crisis Coach walks you through a costly mistake, a hard boss or a restructuring threat: assess "
        "what happened, face the people who matter, and resolve it quickly — with a coach beside you if "
        "you want one.",
    ),
    pgettext_lazy("addressing a woman", "Crisis Coach — assess, confront, resolve."),
    pgettext_lazy("addressing anyone", "Crisis Coach — assess, confront, resolve."),
    pgettext_lazy(
        "addressing a woman",
        "Day %(days)s and the key conversation is still to be held. Do not let it drift.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Day %(days)s and the key conversation is still to be held. Do not let it drift.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Decide who you want to be closer to, and prepare so you have something worth saying to them.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Decide who you want to be closer to, and prepare so you have something worth saying to them.",
    ),
    pgettext_lazy("addressing a woman", "Delete %(name)s?"),
    pgettext_lazy("addressing anyone", "Delete %(name)s?"),
    pgettext_lazy("addressing a woman", "Delete <bdi>%(what)s</bdi>?"),
    pgettext_lazy("addressing anyone", "Delete <bdi>%(what)s</bdi>?"),
    pgettext_lazy("addressing a woman", "Delete setback?"),
    pgettext_lazy("addressing anyone", "Delete setback?"),
    pgettext_lazy("addressing a woman", "Delete the entry of %(date)s?"),
    pgettext_lazy("addressing anyone", "Delete the entry of %(date)s?"),
    pgettext_lazy("addressing a woman", "Delete this entry?"),
    pgettext_lazy("addressing anyone", "Delete this entry?"),
    pgettext_lazy("addressing a woman", "Delete this note?"),
    pgettext_lazy("addressing anyone", "Delete this note?"),
    pgettext_lazy("addressing a woman", "Delete this prevention step?"),
    pgettext_lazy("addressing anyone", "Delete this prevention step?"),
    pgettext_lazy("addressing a woman", "Delete this promise?"),
    pgettext_lazy("addressing anyone", "Delete this promise?"),
    pgettext_lazy("addressing a woman", "Delete this thought record for good?"),
    pgettext_lazy("addressing anyone", "Delete this thought record for good?"),
    pgettext_lazy("addressing a woman", "Delete this thought record?"),
    pgettext_lazy("addressing anyone", "Delete this thought record?"),
    pgettext_lazy("addressing a woman", "Delete your account?"),
    pgettext_lazy("addressing anyone", "Delete your account?"),
    pgettext_lazy("addressing a woman", "Delete “<bdi>%(title)s</bdi>”?"),
    pgettext_lazy("addressing anyone", "Delete “<bdi>%(title)s</bdi>”?"),
    pgettext_lazy("addressing a woman", "Delete?"),
    pgettext_lazy("addressing anyone", "Delete?"),
    pgettext_lazy("addressing a woman", "Deliver on time, or say early that you cannot."),
    pgettext_lazy("addressing anyone", "Deliver on time, or say early that you cannot."),
    pgettext_lazy(
        "addressing a woman",
        "Do not wait for it to blow over. Talk to the person whose view matters most, early: say plainly "
        "what happened, make no excuses, and ask for a chance to put it right.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Do not wait for it to blow over. Talk to the person whose view matters most, early: say plainly "
        "what happened, make no excuses, and ask for a chance to put it right.",
    ),
    pgettext_lazy("addressing a woman", "Download as Markdown"),
    pgettext_lazy("addressing anyone", "Download as Markdown"),
    pgettext_lazy("addressing a woman", "Download your data (JSON)"),
    pgettext_lazy("addressing anyone", "Download your data (JSON)"),
    pgettext_lazy(
        "addressing a woman",
        "Each setback you log is counted here by its kind, so you can see a pattern if there is one.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Each setback you log is counted here by its kind, so you can see a pattern if there is one.",
    ),
    pgettext_lazy("addressing a woman", "Edit the outcome"),
    pgettext_lazy("addressing anyone", "Edit the outcome"),
    pgettext_lazy("addressing a woman", "Edit the plan"),
    pgettext_lazy("addressing anyone", "Edit the plan"),
    pgettext_lazy("addressing a woman", "End coaching with %(name)s?"),
    pgettext_lazy("addressing anyone", "End coaching with %(name)s?"),
    pgettext_lazy("addressing a woman", "End support access now"),
    pgettext_lazy("addressing anyone", "End support access now"),
    pgettext_lazy(
        "addressing a woman",
        "Every step is done. Write your closing reflection to close this setback.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Every step is done. Write your closing reflection to close this setback.",
    ),
    pgettext_lazy("addressing a woman", "Explain what you will do to make it right, with dates."),
    pgettext_lazy("addressing anyone", "Explain what you will do to make it right, with dates."),
    pgettext_lazy("addressing a woman", "Explore a neighbouring role where your strengths count more"),
    pgettext_lazy("addressing anyone", "Explore a neighbouring role where your strengths count more"),
    pgettext_lazy("addressing a woman", "Find the cause"),
    pgettext_lazy("addressing anyone", "Find the cause"),
    pgettext_lazy(
        "addressing a woman",
        "Follow the organisations and people you admire; reach out in a professional tone.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Follow the organisations and people you admire; reach out in a professional tone.",
    ),
    pgettext_lazy("addressing a woman", "For two weeks, note which tasks give you energy and which drain it"),
    pgettext_lazy("addressing anyone", "For two weeks, note which tasks give you energy and which drain it"),
    pgettext_lazy("addressing a woman", "Get in touch with %(name)s"),
    pgettext_lazy("addressing anyone", "Get in touch with %(name)s"),
    pgettext_lazy("addressing a woman", "Get in touch with a contact"),
    pgettext_lazy("addressing anyone", "Get in touch with a contact"),
    pgettext_lazy("addressing a woman", "Get started"),
    pgettext_lazy("addressing anyone", "Get started"),
    pgettext_lazy(
        "addressing a woman",
        "Holding yourself to rigid rules of how you must be, and blaming yourself when you are not.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Holding yourself to rigid rules of how you must be, and blaming yourself when you are not.",
    ),
    pgettext_lazy("addressing a woman", "How in control do you feel now?"),
    pgettext_lazy("addressing anyone", "How in control do you feel now?"),
    pgettext_lazy("addressing a woman", "how in control do you feel now?"),
    pgettext_lazy("addressing anyone", "how in control do you feel now?"),
    pgettext_lazy("addressing a woman", "How in control do you feel right now?"),
    pgettext_lazy("addressing anyone", "How in control do you feel right now?"),
    pgettext_lazy("addressing a woman", "how in control do you feel?"),
    pgettext_lazy("addressing anyone", "how in control do you feel?"),
    pgettext_lazy("addressing a woman", "How in control do you feel?"),
    pgettext_lazy("addressing anyone", "How in control do you feel?"),
    pgettext_lazy("addressing a woman", "How often you want to be in touch, in days."),
    pgettext_lazy("addressing anyone", "How often you want to be in touch, in days."),
    pgettext_lazy(
        "addressing a woman",
        "If you are in danger or might hurt yourself, contact your local emergency services now.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "If you are in danger or might hurt yourself, contact your local emergency services now.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "If you only decided not to do it, mark it “Dropped” instead: it stays in the story.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "If you only decided not to do it, mark it “Dropped” instead: it stays in the story.",
    ),
    pgettext_lazy("addressing a woman", "If you think someone else knows your password, change it as well."),
    pgettext_lazy("addressing anyone", "If you think someone else knows your password, change it as well."),
    pgettext_lazy(
        "addressing a woman",
        "If you were in the middle of typing, go back in your browser: your text is usually still there.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "If you were in the middle of typing, go back in your browser: your text is usually still there.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "It leaves your trust record too. If you could not keep it, marking it broken is the honest record.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "It leaves your trust record too. If you could not keep it, marking it broken is the honest record.",
    ),
    pgettext_lazy("addressing a woman", "Keep confidences; what the team shared stays with the team."),
    pgettext_lazy("addressing anyone", "Keep confidences; what the team shared stays with the team."),
    pgettext_lazy("addressing a woman", "Keep in touch"),
    pgettext_lazy("addressing anyone", "Keep in touch"),
    pgettext_lazy("addressing a woman", "Keep learning; what you know becomes something you can give."),
    pgettext_lazy("addressing anyone", "Keep learning; what you know becomes something you can give."),
    pgettext_lazy("addressing a woman", "Keep-in-touch defaults"),
    pgettext_lazy("addressing anyone", "Keep-in-touch defaults"),
    pgettext_lazy("addressing a woman", "List the skills the new direction needs and where you fall short"),
    pgettext_lazy("addressing anyone", "List the skills the new direction needs and where you fall short"),
    pgettext_lazy("addressing a woman", "List your strengths and decide whether this role still fits them"),
    pgettext_lazy("addressing anyone", "List your strengths and decide whether this role still fits them"),
    pgettext_lazy("addressing a woman", "Log a setback"),
    pgettext_lazy("addressing anyone", "Log a setback"),
    pgettext_lazy(
        "addressing a woman",
        "Log a setback, work through it step by step, and keep the people who matter close.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Log a setback, work through it step by step, and keep the people who matter close.",
    ),
    pgettext_lazy("addressing a woman", "Log a touch"),
    pgettext_lazy("addressing anyone", "Log a touch"),
    pgettext_lazy("addressing a woman", "Log a touch with %(name)s"),
    pgettext_lazy("addressing anyone", "Log a touch with %(name)s"),
    pgettext_lazy(
        "addressing a woman",
        "Log calls, messages and meetings with your contacts and you will see here, month by month, how "
        "well you keep in touch.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Log calls, messages and meetings with your contacts and you will see here, month by month, how "
        "well you keep in touch.",
    ),
    pgettext_lazy("addressing a woman", "Log your participation"),
    pgettext_lazy("addressing anyone", "Log your participation"),
    pgettext_lazy("addressing a woman", "Logged. Start by naming the people who matter."),
    pgettext_lazy("addressing anyone", "Logged. Start by naming the people who matter."),
    pgettext_lazy("addressing a woman", "Make a new address"),
    pgettext_lazy("addressing anyone", "Make a new address"),
    pgettext_lazy("addressing a woman", "Make a new calendar address?"),
    pgettext_lazy("addressing anyone", "Make a new calendar address?"),
    pgettext_lazy(
        "addressing a woman",
        "Mark action steps done and your weekly pace over the last 12 weeks shows here.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Mark action steps done and your weekly pace over the last 12 weeks shows here.",
    ),
    pgettext_lazy("addressing a woman", "Mark “%(title)s” as done"),
    pgettext_lazy("addressing anyone", "Mark “%(title)s” as done"),
    pgettext_lazy("addressing a woman", "Mark “%(title)s” as not done"),
    pgettext_lazy("addressing anyone", "Mark “%(title)s” as not done"),
    pgettext_lazy("addressing a woman", "Measure the harm honestly: rate each kind of damage."),
    pgettext_lazy("addressing anyone", "Measure the harm honestly: rate each kind of damage."),
    pgettext_lazy(
        "addressing a woman",
        "Mind the details: congratulate on birthdays, weddings and births, call when someone is ill, and "
        "turn up when invited.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Mind the details: congratulate on birthdays, weddings and births, call when someone is ill, and "
        "turn up when invited.",
    ),
    pgettext_lazy("addressing a woman", "Name what you do that the replacement cannot, and show it"),
    pgettext_lazy("addressing anyone", "Name what you do that the replacement cannot, and show it"),
    pgettext_lazy("addressing a woman", "No steps yet. Start from the playbook, or write your own."),
    pgettext_lazy("addressing anyone", "No steps yet. Start from the playbook, or write your own."),
    pgettext_lazy("addressing a woman", "Nothing changed: choose what to share from the list."),
    pgettext_lazy("addressing anyone", "Nothing changed: choose what to share from the list."),
    pgettext_lazy("addressing a woman", "Offer help or share something useful with the team"),
    pgettext_lazy("addressing anyone", "Offer help or share something useful with the team"),
    pgettext_lazy(
        "addressing a woman",
        "Once you have talked, act — step by step, and as fast as you can. Speed is the first principle: "
        "the longer a setback lingers, the harder the way back.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Once you have talked, act — step by step, and as fast as you can. Speed is the first principle: "
        "the longer a setback lingers, the harder the way back.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Once you log a setback and work through it, this page shows which kinds of crisis you meet most, "
        "how long each took to resolve, how many steps you complete each week, and how much more in "
        "control you felt at the end than at the start.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Once you log a setback and work through it, this page shows which kinds of crisis you meet most, "
        "how long each took to resolve, how many steps you complete each week, and how much more in "
        "control you felt at the end than at the start.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Online manners are still manners: respect people you have never met.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Online manners are still manners: respect people you have never met.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Open by saying you want to talk about what happened, and that you take it seriously.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Open by saying you want to talk about what happened, and that you take it seriously.",
    ),
    pgettext_lazy("addressing a woman", "Open the plan"),
    pgettext_lazy("addressing anyone", "Open the plan"),
    pgettext_lazy("addressing a woman", "Open Today"),
    pgettext_lazy("addressing anyone", "Open Today"),
    pgettext_lazy("addressing a woman", "Open Today:"),
    pgettext_lazy("addressing anyone", "Open Today:"),
    pgettext_lazy("addressing a woman", "Open your network"),
    pgettext_lazy("addressing anyone", "Open your network"),
    pgettext_lazy("addressing a woman", "Plan a candid conversation"),
    pgettext_lazy("addressing anyone", "Plan a candid conversation"),
    pgettext_lazy("addressing a woman", "Plan it"),
    pgettext_lazy("addressing anyone", "Plan it"),
    pgettext_lazy("addressing a woman", "Plan the conversation"),
    pgettext_lazy("addressing anyone", "Plan the conversation"),
    pgettext_lazy("addressing a woman", "Plan the conversation with %(name)s — it is day %(day)s."),
    pgettext_lazy("addressing anyone", "Plan the conversation with %(name)s — it is day %(day)s."),
    pgettext_lazy("addressing a woman", "Plan the key conversation within %(n)s days."),
    pgettext_lazy("addressing anyone", "Plan the key conversation within %(n)s days."),
    pgettext_lazy(
        "addressing a woman",
        "Prepare for your talk with %(name)s on %(date)s: go through the principles once more.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Prepare for your talk with %(name)s on %(date)s: go through the principles once more.",
    ),
    pgettext_lazy("addressing a woman", "Propose a step"),
    pgettext_lazy("addressing anyone", "Propose a step"),
    pgettext_lazy("addressing a woman", "Propose step"),
    pgettext_lazy("addressing anyone", "Propose step"),
    pgettext_lazy(
        "addressing a woman",
        "Rate each person's influence in Assess, so you know who to talk to first.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Rate each person's influence in Assess, so you know who to talk to first.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Rate how in control you feel when you log a setback and again when you close it; the two side by "
        "side show your recovery.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Rate how in control you feel when you log a setback and again when you close it; the two side by "
        "side show your recovery.",
    ),
    pgettext_lazy("addressing a woman", "Rate how much influence each person has on your future."),
    pgettext_lazy("addressing anyone", "Rate how much influence each person has on your future."),
    pgettext_lazy("addressing a woman", "Rate influence"),
    pgettext_lazy("addressing anyone", "Rate influence"),
    pgettext_lazy("addressing a woman", "Rate the harm"),
    pgettext_lazy("addressing anyone", "Rate the harm"),
    pgettext_lazy(
        "addressing a woman",
        "Read a community's discussions before joining in, then add ideas and respond to others'.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Read a community's discussions before joining in, then add ideas and respond to others'.",
    ),
    pgettext_lazy("addressing a woman", "Read it and reply"),
    pgettext_lazy("addressing anyone", "Read it and reply"),
    pgettext_lazy("addressing a woman", "Read it and reply:"),
    pgettext_lazy("addressing anyone", "Read it and reply:"),
    pgettext_lazy("addressing a woman", "Record how it went"),
    pgettext_lazy("addressing anyone", "Record how it went"),
    pgettext_lazy("addressing a woman", "Record the outcome"),
    pgettext_lazy("addressing anyone", "Record the outcome"),
    pgettext_lazy("addressing a woman", "Record the outcome of your conversation with %(name)s."),
    pgettext_lazy("addressing anyone", "Record the outcome of your conversation with %(name)s."),
    pgettext_lazy(
        "addressing a woman",
        "Restore a Crisis Coach export into this account: your setbacks with everything in them, your "
        "network and your settings. Comments from a coach stay in the file for your records; they are "
        "written by another person and are not restored.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Restore a Crisis Coach export into this account: your setbacks with everything in them, your "
        "network and your settings. Comments from a coach stay in the file for your records; they are "
        "written by another person and are not restored.",
    ),
    pgettext_lazy("addressing a woman", "Retry the selected failed tasks"),
    pgettext_lazy("addressing anyone", "Retry the selected failed tasks"),
    pgettext_lazy("addressing a woman", "Review the plan"),
    pgettext_lazy("addressing anyone", "Review the plan"),
    pgettext_lazy("addressing a woman", "Save community"),
    pgettext_lazy("addressing anyone", "Save community"),
    pgettext_lazy("addressing a woman", "Save contact"),
    pgettext_lazy("addressing anyone", "Save contact"),
    pgettext_lazy("addressing a woman", "Save date"),
    pgettext_lazy("addressing anyone", "Save date"),
    pgettext_lazy("addressing a woman", "Save note"),
    pgettext_lazy("addressing anyone", "Save note"),
    pgettext_lazy("addressing a woman", "Save promise"),
    pgettext_lazy("addressing anyone", "Save promise"),
    pgettext_lazy("addressing a woman", "Save reflection"),
    pgettext_lazy("addressing anyone", "Save reflection"),
    pgettext_lazy("addressing a woman", "Save the assessment"),
    pgettext_lazy("addressing anyone", "Save the assessment"),
    pgettext_lazy("addressing a woman", "Save touch"),
    pgettext_lazy("addressing anyone", "Save touch"),
    pgettext_lazy("addressing a woman", "See the story"),
    pgettext_lazy("addressing anyone", "See the story"),
    pgettext_lazy("addressing a woman", "Send comment"),
    pgettext_lazy("addressing anyone", "Send comment"),
    pgettext_lazy("addressing a woman", "Set up a checklist or reminder for the task that slipped"),
    pgettext_lazy("addressing anyone", "Set up a checklist or reminder for the task that slipped"),
    pgettext_lazy(
        "addressing a woman",
        "Setbacks at work can weigh on more than work. You do not have to carry this alone: talking to "
        "someone you trust — a friend, family, a colleague you get on with — often helps.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Setbacks at work can weigh on more than work. You do not have to carry this alone: talking to "
        "someone you trust — a friend, family, a colleague you get on with — often helps.",
    ),
    pgettext_lazy("addressing a woman", "Share what you know with colleagues; make time for it."),
    pgettext_lazy("addressing anyone", "Share what you know with colleagues; make time for it."),
    npgettext_lazy(
        "addressing a woman",
        "Show all %(counter)s",
        "Show all %(counter)s",
        "count",
    ),
    npgettext_lazy(
        "addressing anyone",
        "Show all %(counter)s",
        "Show all %(counter)s",
        "count",
    ),
    pgettext_lazy("addressing a woman", "Show fewer"),
    pgettext_lazy("addressing anyone", "Show fewer"),
    pgettext_lazy("addressing a woman", "Show the numbers"),
    pgettext_lazy("addressing anyone", "Show the numbers"),
    pgettext_lazy("addressing a woman", "Show visible results soon: add a quick win due within two weeks."),
    pgettext_lazy("addressing anyone", "Show visible results soon: add a quick win due within two weeks."),
    pgettext_lazy("addressing a woman", "Sign out everywhere else?"),
    pgettext_lazy("addressing anyone", "Sign out everywhere else?"),
    pgettext_lazy("addressing a woman", "Sign out that browser or device?"),
    pgettext_lazy("addressing anyone", "Sign out that browser or device?"),
    pgettext_lazy("addressing a woman", "Skip to main content"),
    pgettext_lazy("addressing anyone", "Skip to main content"),
    pgettext_lazy(
        "addressing a woman",
        "Some steps are due before this date. Choose an earlier date, or move those steps first.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Some steps are due before this date. Choose an earlier date, or move those steps first.",
    ),
    pgettext_lazy("addressing a woman", "Start a course or a stretch task to close the biggest gap"),
    pgettext_lazy("addressing anyone", "Start a course or a stretch task to close the biggest gap"),
    pgettext_lazy(
        "addressing a woman",
        "Start with a quick win that people can see within two weeks, fix what caused the problem so it "
        "cannot recur, retrain where skills fell short, and decide calmly where your career goes next.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Start with a quick win that people can see within two weeks, fix what caused the problem so it "
        "cannot recur, retrain where skills fell short, and decide calmly where your career goes next.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Stay in touch steadily, by phone, email or social network; do not let people drift away.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Stay in touch steadily, by phone, email or social network; do not let people drift away.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Stop all reminder emails from Crisis Coach, including digests and news of your coach’s comments?",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Stop all reminder emails from Crisis Coach, including digests and news of your coach’s comments?",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Subscribe to this private address in your calendar app to see due steps, planned conversations, "
        "promises and important dates next to everything else. It updates by itself.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Subscribe to this private address in your calendar app to see due steps, planned conversations, "
        "promises and important dates next to everything else. It updates by itself.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Tell your manager plainly what happened and ask for a chance to make it right",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Tell your manager plainly what happened and ask for a chance to make it right",
    ),
    pgettext_lazy("addressing a woman", "The business asks for skills or tools you do not have yet"),
    pgettext_lazy("addressing anyone", "The business asks for skills or tools you do not have yet"),
    pgettext_lazy(
        "addressing a woman",
        "They chose to send this. It is not an emergency alert, and Crisis Coach is not a clinical tool. "
        "You may want to get in touch with them in the way you usually do.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "They chose to send this. It is not an emergency alert, and Crisis Coach is not a clinical tool. "
        "You may want to get in touch with them in the way you usually do.",
    ),
    pgettext_lazy("addressing a woman", "This date is in the future. Log a setback once it has happened."),
    pgettext_lazy("addressing anyone", "This date is in the future. Log a setback once it has happened."),
    pgettext_lazy(
        "addressing a woman",
        "This file is not valid JSON. Choose the .json file that the export gave you.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "This file is not valid JSON. Choose the .json file that the export gave you.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "This is before the setback happened. Choose its date or a later one.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "This is before the setback happened. Choose its date or a later one.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "This is in the future. Record the conversation after it has happened.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "This is in the future. Record the conversation after it has happened.",
    ),
    pgettext_lazy("addressing a woman", "This is your own code. You cannot be your own coach."),
    pgettext_lazy("addressing anyone", "This is your own code. You cannot be your own coach."),
    pgettext_lazy("addressing a woman", "This setback is behind you. Read back what you learned."),
    pgettext_lazy("addressing anyone", "This setback is behind you. Read back what you learned."),
    pgettext_lazy(
        "addressing a woman",
        "Three principles carry the conversation: make it a real exchange (listen as much as you speak), "
        "show understanding for how it affected them, and be sincere. Stay calm and keep your professional "
        "bearing throughout.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Three principles carry the conversation: make it a real exchange (listen as much as you speak), "
        "show understanding for how it affected them, and be sincere. Stay calm and keep your professional "
        "bearing throughout.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "To print or save as PDF, use your browser's Print command: menus and buttons are left out.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "To print or save as PDF, use your browser's Print command: menus and buttons are left out.",
    ),
    pgettext_lazy("addressing a woman", "Too many attempts, try again later."),
    pgettext_lazy("addressing anyone", "Too many attempts, try again later."),
    pgettext_lazy(
        "addressing a woman",
        "Trust grows from small promises kept when you said you would. Write each one down with its day, "
        "mark it kept or broken honestly, and your trust record shows where you stand.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Trust grows from small promises kept when you said you would. Write each one down with its day, "
        "mark it kept or broken honestly, and your trust record shows where you stand.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Trust is built by promises kept on time. Record what you promise your contacts, and the share you "
        "keep on time appears here once they come due.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Trust is built by promises kept on time. Record what you promise your contacts, and the share you "
        "keep on time appears here once they come due.",
    ),
    pgettext_lazy("addressing a woman", "Unsubscribe with one click:"),
    pgettext_lazy("addressing anyone", "Unsubscribe with one click:"),
    pgettext_lazy(
        "addressing a woman",
        'Want a copy first? <a href="%(url_export)s">Download your data</a>.',
    ),
    pgettext_lazy(
        "addressing anyone",
        'Want a copy first? <a href="%(url_export)s">Download your data</a>.',
    ),
    pgettext_lazy(
        "addressing a woman",
        "When the plan is done, look back: what strengths carried you, what you learned, and where your "
        "career goes next. Saving it closes the setback once every step is done.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "When the plan is done, look back: what strengths carried you, what you learned, and where your "
        "career goes next. Saving it closes the setback once every step is done.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Who saw it, who is affected, and whose decision shapes what happens to you? Note what each of "
        "them said — listening comes first.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Who saw it, who is affected, and whose decision shapes what happens to you? Note what each of "
        "them said — listening comes first.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Write down why it happened and one change that stops it happening again",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Write down why it happened and one change that stops it happening again",
    ),
    pgettext_lazy("addressing a woman", "Write down why it happened, so it cannot happen again."),
    pgettext_lazy("addressing anyone", "Write down why it happened, so it cannot happen again."),
    pgettext_lazy(
        "addressing a woman",
        "Write one page on the results you deliver that the new structure needs",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Write one page on the results you deliver that the new structure needs",
    ),
    pgettext_lazy("addressing a woman", "Write the reflection"),
    pgettext_lazy("addressing anyone", "Write the reflection"),
    pgettext_lazy("addressing a woman", "Yes, cancel the session"),
    pgettext_lazy("addressing anyone", "Yes, cancel the session"),
    pgettext_lazy("addressing a woman", "Yes, delete"),
    pgettext_lazy("addressing anyone", "Yes, delete"),
    pgettext_lazy("addressing a woman", "Yes, end coaching"),
    pgettext_lazy("addressing anyone", "Yes, end coaching"),
    pgettext_lazy("addressing a woman", "Yes, make a new address"),
    pgettext_lazy("addressing anyone", "Yes, make a new address"),
    pgettext_lazy("addressing a woman", "Yes, sign it out"),
    pgettext_lazy("addressing anyone", "Yes, sign it out"),
    pgettext_lazy("addressing a woman", "Yes, sign out everywhere else"),
    pgettext_lazy("addressing anyone", "Yes, sign out everywhere else"),
    pgettext_lazy("addressing a woman", "You already have a coach. End that link first."),
    pgettext_lazy("addressing anyone", "You already have a coach. End that link first."),
    pgettext_lazy(
        "addressing a woman",
        "You can let %(name)s, your coach, know that you are having a hard time. Nothing is sent unless "
        "you press the button.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "You can let %(name)s, your coach, know that you are having a hard time. Nothing is sent unless "
        "you press the button.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "You feel your age is held against you, or you worry it soon will be.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "You feel your age is held against you, or you worry it soon will be.",
    ),
    pgettext_lazy("addressing a woman", "You have started to doubt why you do this work at all."),
    pgettext_lazy("addressing anyone", "You have started to doubt why you do this work at all."),
    pgettext_lazy(
        "addressing a woman",
        "You lose access to every case %(name)s shared with you, at once, and those cases become private "
        "again. Your comments stay on them; your private notes stay yours.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "You lose access to every case %(name)s shared with you, at once, and those cases become private "
        "again. Your comments stay on them; your private notes stay yours.",
    ),
    pgettext_lazy(
        "addressing a woman",
        "Your coach sees only the setbacks you share, and every time they open one, you can see it.",
    ),
    pgettext_lazy(
        "addressing anyone",
        "Your coach sees only the setbacks you share, and every time they open one, you can see it.",
    ),
    pgettext_lazy("addressing a woman", "Your reply is empty. Write something before sending it."),
    pgettext_lazy("addressing anyone", "Your reply is empty. Write something before sending it."),
    pgettext_lazy("addressing a woman", "“%(title)s” is overdue. Do it, reschedule it, or drop it."),
    pgettext_lazy("addressing anyone", "“%(title)s” is overdue. Do it, reschedule it, or drop it."),
]
